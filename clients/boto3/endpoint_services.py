"""moto's endpoint-service cases (tests/test_ec2/test_vpc_service_configuration_integration.py), as AWS answers them,
run with boto3 against a real localvpc. Each case says where it differs from moto's expectation and why (AWS's
behaviour, or a localvpc limitation). Prints "endpoint services: all N cases done" at the end (a failing case stops the script).

Environment: LOCALVPC_ENDPOINT; AWS credentials whose access key is a 12-digit account id (EXPECTED_ACCOUNT);
the script makes its Network Load Balancers through ELBv2, as moto's helper does.
"""
import os
import time

import boto3
from botocore.exceptions import ClientError

ENDPOINT = os.environ["LOCALVPC_ENDPOINT"]
ACCOUNT = os.environ["EXPECTED_ACCOUNT"]
REGION = "us-east-1"
ec2 = boto3.client("ec2", endpoint_url=ENDPOINT, region_name=REGION)
cases = []


def case(fn):
    cases.append(fn)
    return fn


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]
    raise AssertionError(f"{call.__name__}({kwargs}) succeeded; an error was expected")


def load_balancer():
    """A fresh NLB in us-east-1a of the caller's account (moto's create_load_balancer helper, for Network LBs only)."""
    elbv2 = boto3.client("elbv2", endpoint_url=ENDPOINT, region_name=REGION)
    vpc = ec2.create_vpc(CidrBlock="172.28.7.0/24")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="172.28.7.192/26", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    name = "lb-vpce-" + os.urandom(5).hex()
    return elbv2.create_load_balancer(Name=name, Subnets=[subnet], Scheme="internal", Type="network")["LoadBalancers"][0]["LoadBalancerArn"]


def available(service_id):
    # AWS (and localvpc) start a service Pending; moto makes it Available at once.
    for _ in range(200):
        config = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"][0]
        if config["ServiceState"] == "Available":
            return config
        time.sleep(0.1)
    raise AssertionError(f"{service_id} never became Available")


@case
def create_without_params():
    err = error_of(ec2.create_vpc_endpoint_service_configuration)
    assert err["Code"] == "InvalidParameter", err
    assert err["Message"] == "exactly one of network_load_balancer_arn or gateway_load_balancer_arn is a required member", err


@case
def create_with_network_load_balancer():
    lb_arn = load_balancer()
    created = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[lb_arn])["ServiceConfiguration"]
    assert created["ServiceState"] == "Pending", created  # moto: Available at once
    config = available(created["ServiceId"])
    assert config["ServiceType"] == [{"ServiceType": "Interface"}]
    assert config["ServiceId"].startswith("vpce-svc-")
    assert config["ServiceName"] == f"com.amazonaws.vpce.{REGION}.{config['ServiceId']}"
    assert config["AvailabilityZones"] == ["us-east-1a"], config
    assert config["AcceptanceRequired"] is True
    assert config["ManagesVpcEndpoints"] is False
    assert config["NetworkLoadBalancerArns"] == [lb_arn]
    assert config["BaseEndpointDnsNames"] == [f"{config['ServiceId']}.{REGION}.vpce.amazonaws.com"]
    assert not config.get("PrivateDnsNameConfiguration"), config  # moto: {}; nothing without a private DNS name
    assert "GatewayLoadBalancerArns" not in config or config["GatewayLoadBalancerArns"] == []


@case
def create_with_gateway_load_balancer_is_not_modelled():
    # moto builds a Gateway service; localvpc does not model Gateway Load Balancers and says so.
    arn = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/gwy/g/0123456789abcdef"
    assert error_of(ec2.create_vpc_endpoint_service_configuration, GatewayLoadBalancerArns=[arn])["Code"] == "UnsupportedOperation"


@case
def create_with_options():
    config = ec2.create_vpc_endpoint_service_configuration(
        NetworkLoadBalancerArns=[load_balancer()], AcceptanceRequired=False, PrivateDnsName="example.com")["ServiceConfiguration"]
    assert config["AcceptanceRequired"] is False
    assert config["PrivateDnsName"] == "example.com"
    dns = config["PrivateDnsNameConfiguration"]
    # moto: {"Name": "n", "State": "verified", "Type": "TXT", "Value": "val"}; AWS starts unverified with a random record.
    assert dns["State"] == "pendingVerification" and dns["Type"] == "TXT", dns
    assert dns["Name"] == "_" + dns["Value"][len("vpce:"):], dns
    available(config["ServiceId"])
    detail = ec2.describe_vpc_endpoint_services(ServiceNames=[config["ServiceName"]])["ServiceDetails"][0]
    assert detail["ServiceName"] == config["ServiceName"]
    assert detail["Owner"] == ACCOUNT


@case
def describe_service_configurations():
    lb_arn = load_balancer()
    first = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[lb_arn])["ServiceConfiguration"]["ServiceId"]
    second = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[lb_arn])["ServiceConfiguration"]["ServiceId"]
    ids = [s["ServiceId"] for s in ec2.describe_vpc_endpoint_service_configurations()["ServiceConfigurations"]]
    assert first in ids and second in ids
    result = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[second])["ServiceConfigurations"]
    assert len(result) == 1 and result[0]["ServiceId"] == second
    assert "ServiceName" in result[0] and "ServiceState" in result[0]
    assert result[0]["NetworkLoadBalancerArns"] == [lb_arn]


@case
def describe_with_tags():
    for tags in ([{"Key": "k1", "Value": "v1"}], [{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}]):
        service_id = ec2.create_vpc_endpoint_service_configuration(
            NetworkLoadBalancerArns=[load_balancer()],
            TagSpecifications=[{"ResourceType": "vpc-endpoint-service", "Tags": tags}])["ServiceConfiguration"]["ServiceId"]
        result = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"][0]
        assert len(result["Tags"]) == len(tags) and all(t in result["Tags"] for t in tags), result["Tags"]


@case
def describe_and_add_tags():
    service_id = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[load_balancer()])["ServiceConfiguration"]["ServiceId"]
    ec2.create_tags(Resources=[service_id], Tags=[{"Key": "k1", "Value": "v1"}])
    result = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"][0]
    assert result["Tags"] == [{"Key": "k1", "Value": "v1"}], result["Tags"]


@case
def describe_unknown():
    err = error_of(ec2.describe_vpc_endpoint_service_configurations, ServiceIds=["vpce-svc-unknown"])
    assert err["Code"] == "InvalidVpcEndpointServiceId.NotFound", err
    assert err["Message"] == "The VpcEndpointService Id 'vpce-svc-unknown' does not exist", err


@case
def delete_service_configurations():
    service_id = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[load_balancer()])["ServiceConfiguration"]["ServiceId"]
    assert ec2.delete_vpc_endpoint_service_configurations(ServiceIds=[service_id])["Unsuccessful"] == []


@case
def delete_already_deleted():
    result = ec2.delete_vpc_endpoint_service_configurations(ServiceIds=["vpce-svc-03cf101d15c3bff53"])["Unsuccessful"]
    assert len(result) == 1 and result[0]["ResourceId"] == "vpce-svc-03cf101d15c3bff53"
    assert result[0]["Error"]["Code"] == "InvalidVpcEndpointService.NotFound"
    assert result[0]["Error"]["Message"] == "The VpcEndpointService Id 'vpce-svc-03cf101d15c3bff53' does not exist"


@case
def describe_permissions():
    service_id = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[load_balancer()])["ServiceConfiguration"]["ServiceId"]
    assert ec2.describe_vpc_endpoint_service_permissions(ServiceId=service_id)["AllowedPrincipals"] == []


@case
def modify_permissions():
    service_id = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[load_balancer()])["ServiceConfiguration"]["ServiceId"]
    # moto accepts "prin1" and "cipal2"; AWS accepts only IAM ARNs and "*".
    assert error_of(ec2.modify_vpc_endpoint_service_permissions, ServiceId=service_id, AddAllowedPrincipals=["prin1"])["Code"] == "InvalidPrincipal"
    first, second = "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/consumer"
    ec2.modify_vpc_endpoint_service_permissions(ServiceId=service_id, AddAllowedPrincipals=[first, second])
    principals = ec2.describe_vpc_endpoint_service_permissions(ServiceId=service_id)["AllowedPrincipals"]
    assert sorted(p["Principal"] for p in principals) == [first, second], principals
    ec2.modify_vpc_endpoint_service_permissions(ServiceId=service_id, RemoveAllowedPrincipals=[first])
    principals = ec2.describe_vpc_endpoint_service_permissions(ServiceId=service_id)["AllowedPrincipals"]
    assert [p["Principal"] for p in principals] == [second], principals
    assert principals[0]["PrincipalType"] == "Role", principals


@case
def modify_service_configuration():
    service_id = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[load_balancer()])["ServiceConfiguration"]["ServiceId"]
    # moto sets PrivateDnsName "dnsname"; a private DNS name is a domain name on AWS.
    ec2.modify_vpc_endpoint_service_configuration(ServiceId=service_id, PrivateDnsName="dnsname.example.com", AcceptanceRequired=False)
    config = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"][0]
    assert config["AcceptanceRequired"] is False
    assert config["PrivateDnsName"] == "dnsname.example.com"


@case
def modify_with_new_load_balancers():
    # moto mixes Gateway and Network load balancers; with Network ones only: add one, then remove the first.
    first, second = load_balancer(), load_balancer()
    service_id = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[first])["ServiceConfiguration"]["ServiceId"]
    ec2.modify_vpc_endpoint_service_configuration(ServiceId=service_id, AddNetworkLoadBalancerArns=[second])
    config = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"][0]
    assert config["NetworkLoadBalancerArns"] == [first, second], config
    ec2.modify_vpc_endpoint_service_configuration(ServiceId=service_id, RemoveNetworkLoadBalancerArns=[first])
    config = ec2.describe_vpc_endpoint_service_configurations(ServiceIds=[service_id])["ServiceConfigurations"][0]
    assert config["NetworkLoadBalancerArns"] == [second], config


@case
def cross_region_is_not_modelled():
    # moto stores SupportedRegions; localvpc serves a service in its own region only and says so.
    members = ec2.meta.service_model.operation_model("CreateVpcEndpointServiceConfiguration").input_shape.members
    if "SupportedRegions" not in members:
        return "skipped: this botocore predates SupportedRegions"
    err = error_of(ec2.create_vpc_endpoint_service_configuration, NetworkLoadBalancerArns=[load_balancer()], SupportedRegions=["us-west-1"])
    assert err["Code"] == "UnsupportedOperation", err


for c in cases:
    outcome = c()
    print(f"{outcome or 'ok'} {c.__name__}")
print(f"endpoint services: all {len(cases)} cases done")
