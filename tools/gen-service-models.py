#!/usr/bin/env python3
"""Generates the data plane's model of every AWS API, for classifying requests into IAM actions and resources.

Reads (development time only; the runtime and the tests never do) botocore's data/<service>/<version>/service-2.json[.gz]
(Apache-2.0): the directory given, else that of the installed botocore.
Writes:
  dataplane/src/main/resources/io/localvpc/dataplane/classify/service-models.json

Per service model: protocol (and every protocol it accepts), endpoint prefix, signing name, JSON target prefix, API version, the IAM prefix, and
  - for the REST protocols (rest-json, rest-xml) every operation's HTTP method and request URI;
  - for the services in RESOURCE_MEMBERS, each operation's top-level input members that name its resources;
  - the operations whose IAM action is not <iam prefix>:<operation> (ACTION_EXCEPTIONS).
JSON, Query and EC2 requests name their operation themselves (X-Amz-Target, Action=), so their operation lists are
not shipped.

Run from the repository root:  python3 tools/gen-service-models.py [path/to/botocore/data]
"""
import glob
import gzip
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'dataplane', 'src', 'main', 'resources', 'io', 'localvpc', 'dataplane', 'classify', 'service-models.json')

# Where the IAM prefix differs from the signing name (AWS Service Authorization Reference, "Actions, resources, and
# condition keys for <service>": the "service prefix" of each).
IAM_PREFIX = {
    'monitoring': 'cloudwatch',   # CloudWatch signs as monitoring; its actions are cloudwatch:*
    'email': 'ses',               # SES (v1 and v2) endpoints are email.<region>; actions ses:*
    'execute-api': 'execute-api',  # API Gateway's management API for WebSocket connections: execute-api:ManageConnections
}

# Operations whose IAM action has another name (Service Authorization Reference; e.g. Lambda's "Invoke" operation is
# authorized as lambda:InvokeFunction). API Gateway's management API (apigateway) is authorized by HTTP method
# (apigateway:GET, …) and is handled in code, as are S3 and DynamoDB.
ACTION_EXCEPTIONS = {
    'lambda': {'Invoke': 'InvokeFunction', 'InvokeWithResponseStream': 'InvokeFunction', 'InvokeAsync': 'InvokeAsync'},
    'apigatewaymanagementapi': {'PostToConnection': 'ManageConnections', 'GetConnection': 'ManageConnections',
                                'DeleteConnection': 'ManageConnections'},
}

# The input members that name an operation's resources, per model, for the services whose resource ARNs localvpc
# builds (the rest are checked on "*"). Values are the ARN kinds the Java side spells (ServiceResourceArns).
RESOURCE_MEMBERS = {
    'kms': {'KeyId': 'key', 'TargetKeyId': 'key', 'SourceKeyId': 'key', 'DestinationKeyId': 'key', 'AliasName': 'alias'},
    'secretsmanager': {'SecretId': 'secret', 'SecretIdList': 'secret'},
    'ssm': {'Name': 'ssm-name', 'Names': 'parameter', 'Path': 'parameter', 'DocumentName': 'document'},
    'logs': {'logGroupName': 'log-group', 'logGroupIdentifier': 'log-group', 'logGroupIdentifiers': 'log-group', 'resourceArn': 'arn'},
    'ecr': {'repositoryName': 'repository', 'resourceArn': 'arn'},
    'lambda': {'FunctionName': 'function', 'LayerName': 'layer', 'Resource': 'arn'},
    'kinesis': {'StreamName': 'stream', 'StreamARN': 'arn', 'ConsumerARN': 'arn', 'ResourceARN': 'arn'},
    'firehose': {'DeliveryStreamName': 'deliverystream'},
    'events': {'Rule': 'rule', 'Name': 'events-name', 'EventBusName': 'event-bus', 'ResourceARN': 'arn'},
    'stepfunctions': {'stateMachineArn': 'arn', 'executionArn': 'arn', 'activityArn': 'arn', 'stateMachineAliasArn': 'arn',
                      'mapRunArn': 'arn', 'resourceArn': 'arn', 'name': 'states-name'},
    'elbv2': {'LoadBalancerArn': 'arn', 'TargetGroupArn': 'arn', 'ListenerArn': 'arn', 'RuleArn': 'arn', 'TrustStoreArn': 'arn',
              'ResourceArns': 'arn'},
    'cloudwatch': {'AlarmName': 'alarm', 'AlarmNames': 'alarm', 'ResourceARN': 'arn'},
    'apigatewaymanagementapi': {'ConnectionId': 'connection'},
}


def data_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    import botocore
    return os.path.join(os.path.dirname(botocore.__file__), 'data')


def newest_model(service_dir):
    files = sorted(glob.glob(os.path.join(service_dir, '*', 'service-2.json*')))
    if not files:
        return None
    path = files[-1]
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt') as f:
        return json.load(f)


def main():
    base = data_dir()
    services = {}
    version = None
    try:
        import botocore
        version = botocore.__version__
    except ImportError:
        pass
    for name in sorted(os.listdir(base)):
        d = os.path.join(base, name)
        if not os.path.isdir(d):
            continue
        model = newest_model(d)
        if model is None:
            continue
        meta = model['metadata']
        protocol = meta.get('protocol')
        endpoint = meta.get('endpointPrefix')
        signing = meta.get('signingName') or endpoint
        entry = {'protocol': protocol, 'protocols': meta.get('protocols', [protocol]), 'endpointPrefix': endpoint, 'signingName': signing,
                 'iamPrefix': IAM_PREFIX.get(signing, signing), 'apiVersion': meta.get('apiVersion')}
        if meta.get('targetPrefix'):
            entry['targetPrefix'] = meta['targetPrefix']
        if protocol in ('rest-json', 'rest-xml'):
            entry['operations'] = {op: o['http']['method'] + ' ' + o['http']['requestUri'] for op, o in sorted(model['operations'].items())}
        if name in ACTION_EXCEPTIONS:
            entry['actions'] = ACTION_EXCEPTIONS[name]
        if name in RESOURCE_MEMBERS:
            wanted = RESOURCE_MEMBERS[name]
            entry['resourceKinds'] = wanted
            named = {}
            for op, o in sorted(model['operations'].items()):
                members = model['shapes'][o['input']['shape']].get('members', {}) if 'input' in o else {}
                found = [m for m in members if m in wanted]
                named[op] = found
            entry['resourceMembers'] = named
        services[name] = entry
    out = {
        '_source': 'Generated by tools/gen-service-models.py from botocore %s data/*/service-2.json (Apache-2.0): '
                   'metadata of every service model, HTTP method and request URI of REST operations, and for the '
                   "services of the script's RESOURCE_MEMBERS the input members naming each operation's resources; IAM "
                   "prefixes and action names that differ: the script's IAM_PREFIX and ACTION_EXCEPTIONS (from the AWS "
                   'Service Authorization Reference).' % (version or '?'),
        'services': services,
    }
    with open(OUT, 'w') as f:
        json.dump(out, f, sort_keys=True, separators=(',', ':'))
        f.write('\n')
    print('%d service models, %d bytes' % (len(services), os.path.getsize(OUT)))


if __name__ == '__main__':
    main()
