#!/usr/bin/env python3
"""Generates core's table of every public AWS host name of the aws partition, per service and region.

Reads (development time only; the runtime and the tests never do):
  ../shared/reference/aws-endpoints.json     botocore data/endpoints.json
  ../shared/reference/aws-service-operations.json  service full names (for refusals that name the service)
  core/src/main/resources/io/localvpc/core/catalog/endpoint-services.json  the PrivateLink short names
  core/src/main/resources/io/localvpc/core/catalog/regions.json            the regions localvpc knows
Writes:
  core/src/main/resources/io/localvpc/core/catalog/aws-host-names.json

Each name has a kind: regional (the name SDKs use today), legacy (an older name the SDK data still lists, e.g.
SQS's queue.amazonaws.com), global (a partition endpoint such as sts.amazonaws.com or s3.amazonaws.com), fips,
dualstack, or dualstack-fips. S3 names also answer every bucket below them (virtual-hosted style, "*." names).
A service is listed under its PrivateLink short name when endpoints.json knows it under the same key (sqs, kms,
s3…), else under its endpoints.json key (iam, route53…), so localvpc can tell which endpoint's private DNS a name
falls under.

Run from the repository root:  python3 tools/gen-aws-host-names.py [path/to/shared/reference]
"""
import importlib.util
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'reference')
CATALOG = os.path.join(ROOT, 'core', 'src', 'main', 'resources', 'io', 'localvpc', 'core', 'catalog')

# Short labels people use for a service in a sentence ("SQS's legacy public name"), where the full name is long.
LABELS = {
    'sqs': 'SQS', 'sns': 'SNS', 'sts': 'STS', 's3': 'S3', 'kms': 'KMS', 'ssm': 'SSM', 'ec2': 'EC2', 'iam': 'IAM',
    'dynamodb': 'DynamoDB', 'logs': 'CloudWatch Logs', 'monitoring': 'CloudWatch', 'secretsmanager': 'Secrets Manager',
    'ecr.api': 'ECR', 'lambda': 'Lambda', 'kinesis': 'Kinesis', 'firehose': 'Firehose', 'events': 'EventBridge',
    'states': 'Step Functions', 'elasticloadbalancing': 'Elastic Load Balancing', 'email': 'SES',
    'elasticmapreduce': 'EMR', 'rds': 'RDS', 'route53': 'Route 53', 'cloudfront': 'CloudFront',
}


def variant_templates(partition, svc):
    """Variant hostname templates by tag set: the service's defaults over the partition's."""
    out = {}
    for v in partition['defaults'].get('variants', []) + svc.get('defaults', {}).get('variants', []):
        if 'hostname' in v:
            out[tuple(sorted(v['tags']))] = v['hostname']
    return out


def fill(template, key, region, suffix):
    return template.replace('{service}', key).replace('{region}', region).replace('{dnsSuffix}', suffix)


def kind_of(tags):
    tags = tuple(sorted(tags))
    return {('fips',): 'fips', ('dualstack',): 'dualstack', ('dualstack', 'fips'): 'dualstack-fips'}.get(tags)


def names_of(partition, key, regions):
    """{region: {name: kind}} for one endpoints.json service."""
    svc = partition['services'][key]
    suffix = partition['dnsSuffix']
    defaults = svc.get('defaults', {})
    templates = variant_templates(partition, svc)
    out = {}
    for region, entry in svc['endpoints'].items():
        scope = entry.get('credentialScope', {}).get('region', region)
        if scope not in regions:
            continue
        names = out.setdefault(scope, {})
        if region == scope:
            host = fill(entry.get('hostname') or defaults.get('hostname') or partition['defaults']['hostname'], key, region, suffix)
            names.setdefault(host, 'regional')
            common = entry.get('sslCommonName') or defaults.get('sslCommonName')
            if common:
                names.setdefault(fill(common, key, region, suffix), 'legacy')
            for v in entry.get('variants', []):
                kind = kind_of(v.get('tags', []))
                template = v.get('hostname') or templates.get(tuple(sorted(v.get('tags', []))))
                if kind and template:
                    names.setdefault(fill(template, key, region, v.get('dnsSuffix', suffix)), kind)
        elif entry.get('hostname'):
            # a pseudo-region: aws-global, s3-external-1, the deprecated fips-<region> spellings
            host = fill(entry['hostname'], key, scope, suffix)
            kind = 'fips' if '-fips' in host else 'global' if region == 'aws-global' or region == svc.get('partitionEndpoint') else 'legacy'
            names.setdefault(host, kind)
    if key == 's3':
        for region, names in out.items():
            for name in list(names):
                names['*.' + name] = names[name]  # virtual-hosted buckets below every S3 name
    return {r: n for r, n in out.items() if n}


def main():
    spec = importlib.util.spec_from_file_location('gen_endpoint_services', os.path.join(ROOT, 'tools', 'gen-endpoint-services.py'))
    gen = importlib.util.module_from_spec(spec)
    sys.argv = [sys.argv[0], REF]
    spec.loader.exec_module(gen)
    endpoints = json.load(open(os.path.join(REF, 'aws-endpoints.json')))
    partition = next(p for p in endpoints['partitions'] if p['partition'] == 'aws')
    regions = {r['name'] for r in json.load(open(os.path.join(CATALOG, 'regions.json')))['regions']}
    catalog = json.load(open(os.path.join(CATALOG, 'endpoint-services.json')))['services']
    operations = json.load(open(os.path.join(REF, 'aws-service-operations.json')))['services']
    full_names = {}
    for model in operations.values():
        full_names.setdefault(model.get('endpointPrefix'), model.get('serviceFullName'))

    by_key = {}
    for name in catalog:
        key, how = gen.resolve_key(name, partition['services'])
        if how == 'exact' and '-fips' not in name:
            by_key.setdefault(key, name)
    services = {}
    for key in sorted(partition['services']):
        table = names_of(partition, key, regions)
        if not table:
            continue
        short = by_key.get(key, key)
        groups = {}
        for region in sorted(table):
            spelled = tuple(sorted((n.replace(region, '{region}'), k) for n, k in table[region].items()))
            groups.setdefault(spelled, []).append(region)
        services[short] = {
            'label': LABELS.get(short) or full_names.get(key) or key,
            'catalog': short in catalog,
            'names': [{'regions': ' '.join(rs), 'names': [n + ' ' + k for n, k in spelled]} for spelled, rs in groups.items()],
        }
    out = {
        '_source': 'Generated by tools/gen-aws-host-names.py from botocore data/endpoints.json (partition aws, Apache-2.0): '
                   'for each service and region its hostname, sslCommonName (legacy), fips/dualstack variants and '
                   'pseudo-region endpoints (aws-global, s3-external-1, fips-<region>) credential-scoped to the region; '
                   '"{region}" stands for each listed region; S3 names also answer "*." below them. Labels: the '
                   "script's LABELS, else the model's serviceFullName.",
        'services': services,
    }
    with open(os.path.join(CATALOG, 'aws-host-names.json'), 'w') as f:
        json.dump(out, f, indent=None, sort_keys=True, separators=(',', ':'))
        f.write('\n')
    print('%d services, %d names' % (len(services), sum(len(n) for t in (names_of(partition, k, regions) for k in partition['services']) for n in t.values())))


if __name__ == '__main__':
    main()
