#!/usr/bin/env python3
"""Writes the DynamoDB API model the dynamodb module ships (dynamodb/src/main/resources/io/localvpc/dynamodb/dynamodb-model.json)
from botocore's, the same way tools/gen-api-models.py writes the api module's: the operations the built-in DynamoDB
serves and every shape they reach, documentation removed. Run it after serving another operation:
    python3 tools/gen-dynamodb-model.py ../shared/reference
(the reference folder holds botocore's DynamoDB model; see its README for its source).
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The built-in DynamoDB checks every request against these shapes (types, required members, limits, enums).
OPERATIONS = [
    "BatchGetItem", "BatchWriteItem", "CreateTable", "DeleteItem", "DeleteTable", "DescribeContinuousBackups",
    "DescribeEndpoints", "DescribeLimits", "DescribeTable", "DescribeTimeToLive", "GetItem", "ListTables",
    "ListTagsOfResource", "PutItem", "Query", "Scan", "TagResource", "TransactGetItems", "TransactWriteItems",
    "UntagResource", "UpdateItem", "UpdateTable", "UpdateTimeToLive",
]
SOURCE = "data/dynamodb/2012-08-10/service-2.json"


def api_models():
    spec = importlib.util.spec_from_file_location("gen_api_models", os.path.join(HERE, "gen-api-models.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(reference):
    with open(os.path.join(reference, "dynamodb-model.json")) as f:
        model = json.load(f)
    out = api_models().subset(model, OPERATIONS, SOURCE)
    out["_source"] = ("Derived from botocore " + SOURCE + " (Apache-2.0): the operations the built-in DynamoDB serves and every "
                      "shape they reach, documentation removed. Regenerate with tools/gen-dynamodb-model.py when adding operations.")
    target = os.path.join(HERE, "..", "dynamodb", "src", "main", "resources", "io", "localvpc", "dynamodb")
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "dynamodb-model.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print("dynamodb", len(out["operations"]), "operations,", len(out["shapes"]), "shapes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "reference"))
