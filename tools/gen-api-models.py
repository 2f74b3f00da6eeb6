#!/usr/bin/env python3
"""Writes the API models localvpc ships (api/src/main/resources/io/localvpc/api/*-model.json) from botocore's.

Each shipped model keeps only the operations localvpc serves and every shape they reach, with documentation
removed. Run it after adding an operation to OPERATIONS:
    python3 tools/gen-api-models.py ../shared/reference [whole botocore EC2 service-2.json]
(the reference folder holds botocore's EC2 subset, STS and IAM models; see its README for their sources;
the ELBv2 model is read from the whole botocore model at its absolute path).
"""
import json
import os
import sys

OPERATIONS = {
    # The reference EC2 subset already holds just the operations localvpc serves or is about to (all are kept).
    "ec2": ("ec2-model-subset.json", "data/ec2/2016-11-15/service-2.json", None),
    "sts": ("sts-model.json", "data/sts/2011-06-15/service-2.json", ["GetCallerIdentity", "AssumeRole", "GetSessionToken"]),
    "iam": ("iam-model.json", "data/iam/2010-05-08/service-2.json", [
        "CreateUser", "GetUser", "ListUsers", "DeleteUser", "TagUser", "UntagUser", "ListUserTags",
        "CreateAccessKey", "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey",
        "PutUserPolicy", "GetUserPolicy", "DeleteUserPolicy", "ListUserPolicies",
        "AttachUserPolicy", "DetachUserPolicy", "ListAttachedUserPolicies",
        "CreateRole", "GetRole", "ListRoles", "UpdateRole", "UpdateAssumeRolePolicy", "DeleteRole", "TagRole", "UntagRole", "ListRoleTags",
        "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies",
        "AttachRolePolicy", "DetachRolePolicy", "ListAttachedRolePolicies",
        "UpdateRoleDescription",
        "CreatePolicy", "GetPolicy", "GetPolicyVersion", "ListPolicyVersions", "ListPolicies", "DeletePolicy",
        "TagPolicy", "UntagPolicy", "ListPolicyTags",
        "CreateInstanceProfile", "GetInstanceProfile", "ListInstanceProfiles", "DeleteInstanceProfile",
        "AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile", "ListInstanceProfilesForRole",
        "TagInstanceProfile", "UntagInstanceProfile", "ListInstanceProfileTags",
    ]),
    # ELBv2 (Network Load Balancers) comes straight from Debian's python3-botocore, whose whole model is on the machine.
    "elbv2": ("/usr/lib/python3/dist-packages/botocore/data/elbv2/2015-12-01/service-2.json", "data/elbv2/2015-12-01/service-2.json", [
        "CreateLoadBalancer", "DescribeLoadBalancers", "DeleteLoadBalancer",
        "DescribeLoadBalancerAttributes", "ModifyLoadBalancerAttributes",
        "CreateTargetGroup", "DescribeTargetGroups", "ModifyTargetGroup", "DeleteTargetGroup",
        "DescribeTargetGroupAttributes", "ModifyTargetGroupAttributes",
        "RegisterTargets", "DeregisterTargets", "DescribeTargetHealth",
        "CreateListener", "DescribeListeners", "ModifyListener", "DeleteListener",
        "AddTags", "RemoveTags", "DescribeTags",
    ]),
}
# EC2 operations outside the reference subset, taken from a whole botocore EC2 model (Debian's python3-botocore
# has one, which is the default; a second argument names another). Shapes the subset already has are kept
# from the subset, so these only add what they need.
EC2_EXTRA = ("/usr/lib/python3/dist-packages/botocore/data/ec2/2016-11-15/service-2.json",
             ["DescribeInstanceTypes", "DescribeInstanceCreditSpecifications"])
KEEP_OPERATION_KEYS = ("name", "http", "input", "output", "errors")
DROP_SHAPE_KEYS = ("documentation",)


def reachable(shapes, start):
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            todo.append(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                todo.append(shape[key]["shape"])
    return seen


def strip(shape):
    out = {k: v for k, v in shape.items() if k not in DROP_SHAPE_KEYS}
    if "members" in out:
        out["members"] = {n: {k: v for k, v in m.items() if k not in DROP_SHAPE_KEYS} for n, m in out["members"].items()}
    return out


def subset(model, operations, source):
    shapes, ops, keep = model["shapes"], {}, set()
    for name in operations if operations is not None else sorted(model["operations"]):
        op = model["operations"][name]
        ops[name] = {k: v for k, v in op.items() if k in KEEP_OPERATION_KEYS}
        for io in ("input", "output"):
            if io in op:
                keep |= reachable(shapes, op[io]["shape"])
        for err in op.get("errors", []):
            keep |= reachable(shapes, err["shape"])
    return {
        "_source": "Derived from botocore " + source + " (Apache-2.0): the operations localvpc serves and every shape "
                   "they reach, documentation removed. Regenerate with tools/gen-api-models.py when adding operations.",
        "version": model.get("version", "2.0"),
        "metadata": model["metadata"],
        "operations": ops,
        "shapes": {n: strip(shapes[n]) for n in sorted(keep)},
    }


def add_extra(out, whole_model_path, operations):
    with open(whole_model_path) as f:
        whole = json.load(f)
    extra = subset(whole, operations, "")
    out["operations"].update(extra["operations"])
    for name, shape in extra["shapes"].items():
        out["shapes"].setdefault(name, shape)
    out["shapes"] = dict(sorted(out["shapes"].items()))
    out["_source"] += " " + ", ".join(operations) + " from botocore's whole EC2 model (" + whole_model_path.split("botocore/")[-1] + ")."


def main(reference, ec2_whole):
    target = os.path.join(os.path.dirname(__file__), "..", "api", "src", "main", "resources", "io", "localvpc", "api")
    for service, (file, source, operations) in OPERATIONS.items():
        with open(os.path.join(reference, file)) as f:
            model = json.load(f)
        out = subset(model, operations, source)
        if service == "ec2":
            add_extra(out, ec2_whole, EC2_EXTRA[1])
        with open(os.path.join(target, service + "-model.json"), "w") as f:
            json.dump(out, f, separators=(",", ":"))
        print(service, len(out["operations"]), "operations,", len(out["shapes"]), "shapes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "reference"),
         sys.argv[2] if len(sys.argv) > 2 else EC2_EXTRA[0])
