#!/usr/bin/env python3
"""Generates core's endpoint-service catalog and AWS-managed prefix lists from the reference data.

Reads (development time only; the runtime and the tests never do):
  ../shared/reference/privatelink-service-names.txt   which services AWS offers as interface endpoints
  ../shared/reference/aws-endpoints.json              botocore endpoints.json: which region has which service
  ../shared/reference/aws-gateway-service-prefixes.json  S3/DynamoDB ranges from AWS ip-ranges.json
  core/src/main/resources/io/localvpc/core/catalog/regions.json  the regions localvpc knows
Writes:
  core/src/main/resources/io/localvpc/core/catalog/endpoint-services.json
  core/src/main/resources/io/localvpc/core/catalog/managed-prefix-lists.json

Run from the repository root:  python3 tools/gen-endpoint-services.py [path/to/shared/reference]
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'reference')
CATALOG = os.path.join(ROOT, 'core', 'src', 'main', 'resources', 'io', 'localvpc', 'core', 'catalog')

# PrivateLink names that are a second endpoint of a service endpoints.json knows under another key:
# the region list of that key says where the PrivateLink service is offered.
AVAILABILITY_ALIASES = {
    'ecr.dkr': 'api.ecr',
    'ec2messages': 'ssm',
    'ssmmessages': 'ssm',
    'execute-api': 'apigateway',
    'kinesis-streams': 'kinesis',
    'kinesis-firehose': 'firehose',
    'appstream.api': 'appstream2',
    'appstream.streaming': 'appstream2',
    'appsync-api': 'appsync',
    'aps-workspaces': 'aps',
    'bedrock-runtime': 'bedrock',
    'bedrock-agent': 'bedrock',
    'bedrock-agent-runtime': 'bedrock',
    'email-smtp': 'email',
    'git-codecommit': 'codecommit',
    'ecs-agent': 'ecs',
    'ecs-telemetry': 'ecs',
    'elasticbeanstalk-health': 'elasticbeanstalk',
    'grafana-workspace': 'grafana',
    'guardduty-data': 'guardduty',
    'personalize-events': 'personalize',
    'personalize-runtime': 'personalize',
    'redshift-data': 'redshift',
    'codedeploy-commands-secure': 'codedeploy',
    'appmesh-envoy-management': 'appmesh',
    'deviceadvisor.iot': 'api.iotdeviceadvisor',
    'streaming-rekognition': 'rekognition',
    'rum-dataplane': 'rum',
    'memorydb': 'memory-db',
    'data-servicediscovery': 'servicediscovery',
    'analytics-omics': 'omics',
    'control-storage-omics': 'omics',
    'storage-omics': 'omics',
    'tags-omics': 'omics',
    'workflows-omics': 'omics',
    'pinpoint-sms-voice-v2': 'sms-voice',
}

# Private DNS host labels that differ from the PrivateLink name (AWS documents these per service).
DNS_LABELS = {
    'kinesis-streams': 'kinesis',
    'kinesis-firehose': 'firehose',
    'ecs-agent': 'ecs-a',
    'ecs-telemetry': 'ecs-t',
}

# Not in endpoints.json (S3 Express uses endpoint rules); regions from the AWS S3 user guide,
# "S3 Express One Zone Availability Zones and Regions".
S3EXPRESS_REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'eu-west-1', 'eu-north-1']

GATEWAY_ONLY = {'s3express'}
GATEWAY_AND_INTERFACE = {'s3', 'dynamodb'}

# AWS's real ids of the us-east-1 lists; every other list gets a hash-derived id.
KNOWN_PREFIX_LIST_IDS = {('us-east-1', 's3'): 'pl-63a5400a', ('us-east-1', 'dynamodb'): 'pl-02cd2c6b'}


def short_hash(text, n):
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def reversed_dotted(name):
    return '.'.join(reversed(name.split('.')))


def load():
    names = [l.strip() for l in open(os.path.join(REF, 'privatelink-service-names.txt'))
             if l.strip() and not l.startswith('#')]
    endpoints = json.load(open(os.path.join(REF, 'aws-endpoints.json')))
    partition = next(p for p in endpoints['partitions'] if p['partition'] == 'aws')
    regions = [r['name'] for r in json.load(open(os.path.join(CATALOG, 'regions.json')))['regions']]
    prefixes = json.load(open(os.path.join(REF, 'aws-gateway-service-prefixes.json')))
    return names, partition, regions, prefixes


def resolve_key(name, services):
    """The endpoints.json key whose regions say where this PrivateLink service exists, and how it matched."""
    if name in services:
        return name, 'exact'
    if reversed_dotted(name) in services:
        return reversed_dotted(name), 'exact'
    if name in AVAILABILITY_ALIASES and AVAILABILITY_ALIASES[name] in services:
        return AVAILABILITY_ALIASES[name], 'alias'
    first = name.split('.')[0]
    if '.' in name and first in services:
        return first, 'alias'
    return None, None


def hostname(partition, key, region, entry):
    template = entry.get('hostname') or partition['services'][key].get('defaults', {}).get('hostname') \
        or partition['defaults']['hostname']
    return template.replace('{service}', key).replace('{region}', region).replace('{dnsSuffix}', partition['dnsSuffix'])


def fips_hostname(partition, key, region):
    """The FIPS hostname of a service in a region, or None when it has no FIPS endpoint there."""
    endpoints = partition['services'][key]['endpoints']
    for variant in endpoints.get(region, {}).get('variants', []):
        if variant.get('tags') == ['fips'] and variant.get('hostname'):
            return variant['hostname']
    for alt in (region + '-fips', 'fips-' + region):
        if alt in endpoints and endpoints[alt].get('hostname'):
            return endpoints[alt]['hostname']
    return None


def private_dns(partition, name, key, how, region):
    if name == 'execute-api':
        # API Gateway private APIs: every API's own name, <api-id>.execute-api.<region>.amazonaws.com
        return ['*.execute-api.' + region + '.amazonaws.com']
    if name in DNS_LABELS:
        return [DNS_LABELS[name] + '.' + region + '.amazonaws.com']
    if how == 'exact':
        host = hostname(partition, key, region, partition['services'][key]['endpoints'][region])
    else:
        host = reversed_dotted(name) + '.' + region + '.amazonaws.com'
    dns = [host]
    if name == 's3':
        dns.append('*.' + host)
    return dns


def service_id(name, region, type_):
    return 'vpce-svc-' + short_hash('com.amazonaws.%s.%s/%s' % (region, name, type_), 17)


def build_services(names, partition, regions):
    services = partition['services']
    out, unmapped = {}, []
    for name in names:
        types = ['Gateway'] if name in GATEWAY_ONLY else (['Gateway', 'Interface'] if name in GATEWAY_AND_INTERFACE else ['Interface'])
        offered = {}
        if name == 's3express':
            for region in regions:
                if region in S3EXPRESS_REGIONS:
                    offered[region] = []
        elif '-fips' in name:
            key, _ = resolve_key(name.replace('-fips', ''), services)
            for region in regions if key else []:
                host = fips_hostname(partition, key, region)
                if host:
                    offered[region] = [host]
        else:
            key, how = resolve_key(name, services)
            if key and services[key].get('isRegionalized') is False:
                # A global service (organizations, account…) is offered only in the region its global
                # endpoint is scoped to, under that endpoint's hostname.
                entry = services[key]['endpoints'][services[key]['partitionEndpoint']]
                region = entry.get('credentialScope', {}).get('region')
                if region in regions:
                    offered[region] = [hostname(partition, key, region, entry)]
            else:
                for region in regions if key else []:
                    if region in services[key]['endpoints']:
                        offered[region] = private_dns(partition, name, key, how, region)
        if not offered:
            unmapped.append(name)
            continue
        out[name] = {'types': types, 'regions': {
            region: {'serviceIds': {t: service_id(name, region, t) for t in types}, 'privateDnsNames': dns}
            for region, dns in offered.items()}}
    return out, unmapped


def build_prefix_lists(prefixes, regions):
    lists = []
    for service in sorted(prefixes['prefixes']):
        for region in regions:
            cidrs = prefixes['prefixes'][service].get(region)
            if not cidrs:
                continue
            pl_id = KNOWN_PREFIX_LIST_IDS.get((region, service)) or 'pl-' + short_hash('%s/%s' % (region, service), 8)
            lists.append({'id': pl_id, 'region': region, 'service': service,
                          'cidrs': sorted(cidrs, key=lambda c: tuple(int(x) for x in c.split('/')[0].split('.')) + (int(c.split('/')[1]),))})
    return lists


def main():
    names, partition, regions, prefixes = load()
    services, unmapped = build_services(names, partition, regions)
    catalog = {
        '_source': 'Generated by tools/gen-endpoint-services.py from privatelink-service-names.txt (AWS documentation lists of '
                   'interface endpoint services) and botocore data/endpoints.json (partition aws, version %s): a service is offered '
                   'in a region when endpoints.json lists its endpoint there (a -fips service where a FIPS variant exists; a few '
                   'companion endpoints such as ecr.dkr or ssmmessages through the script\'s alias table; a global service only in the region of its global endpoint). Private DNS names are '
                   'the service\'s public hostname in that region. s3 and dynamodb are Gateway and Interface, s3express Gateway '
                   'only (regions from the S3 user guide). ServiceIds are vpce-svc- plus 17 hex of sha256 of name and type. '
                   'Regions: those of regions.json.' % partition.get('version', endpoints_version()),
        '_unmapped': sorted(unmapped),
        'services': services,
    }
    pls = {
        '_source': 'Generated by tools/gen-endpoint-services.py from %s. Ids of the us-east-1 lists are AWS\'s real ones; '
                   'other ids are pl- plus 8 hex of sha256 of region and service. Regions: those of regions.json.' % prefixes['source'],
        'prefixLists': build_prefix_lists(prefixes, regions),
    }
    write(os.path.join(CATALOG, 'endpoint-services.json'), catalog)
    write(os.path.join(CATALOG, 'managed-prefix-lists.json'), pls)
    print('%d services, %d unmapped: %s' % (len(services), len(unmapped), ', '.join(unmapped)))


def endpoints_version():
    return json.load(open(os.path.join(REF, 'aws-endpoints.json'))).get('version')


def write(path, data):
    # One service (or prefix list) per line: small diffs when the inputs change.
    with open(path, 'w') as f:
        f.write('{\n')
        keys = list(data)
        for i, k in enumerate(keys):
            v = data[k]
            f.write('  %s: ' % json.dumps(k))
            if isinstance(v, dict):
                f.write('{\n')
                items = list(v.items())
                for j, (sk, sv) in enumerate(items):
                    f.write('    %s: %s%s\n' % (json.dumps(sk), json.dumps(sv, sort_keys=True), ',' if j < len(items) - 1 else ''))
                f.write('  }')
            elif isinstance(v, list) and v and isinstance(v[0], dict):
                f.write('[\n')
                for j, item in enumerate(v):
                    f.write('    %s%s\n' % (json.dumps(item), ',' if j < len(v) - 1 else ''))
                f.write('  ]')
            else:
                f.write(json.dumps(v))
            f.write(',\n' if i < len(keys) - 1 else '\n')
        f.write('}\n')


if __name__ == '__main__':
    main()
