// The AWS SDK for JavaScript v3 (@aws-sdk/client-ec2, from npm) driving a whole endpoint workflow against
// localvpc: the SDK's waiters and paginators (with page sizes other than the default), filters, tags,
// modifies and a teardown in dependency order. Every answer must carry its request id in $metadata (the SDK
// reads it from the x-amzn-RequestId header). The endpoint comes from LOCALVPC_ENDPOINT; exits non-zero,
// naming the call, at the first thing that is not as AWS does it.
import {
  EC2Client, CreateVpcCommand, ModifyVpcAttributeCommand, DescribeVpcAttributeCommand, CreateSubnetCommand,
  ModifySubnetAttributeCommand, DescribeSubnetsCommand, CreateRouteTableCommand, AssociateRouteTableCommand,
  DescribeRouteTablesCommand, CreateSecurityGroupCommand, AuthorizeSecurityGroupIngressCommand,
  CreateVpcEndpointCommand, DescribeVpcEndpointsCommand, ModifyVpcEndpointCommand, CreateTagsCommand,
  DeleteVpcEndpointsCommand, DeleteSecurityGroupCommand, DisassociateRouteTableCommand, DeleteRouteTableCommand,
  DeleteSubnetCommand, DeleteVpcCommand, DescribeVpcsCommand,
  waitUntilVpcAvailable, waitUntilSubnetAvailable, waitUntilSecurityGroupExists,
  paginateDescribeVpcEndpoints, paginateDescribeSubnets, paginateDescribeSecurityGroups,
} from '@aws-sdk/client-ec2';

const endpoint = process.env.LOCALVPC_ENDPOINT;
if (!endpoint) fail('LOCALVPC_ENDPOINT is not set');
const ec2 = new EC2Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 2 });
const run = 'js-sdk-workflow';

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}
function check(ok, message) {
  if (!ok) fail(message);
}
function step(message) {
  console.log(`js-sdk: ${message}`);
}

// Every call goes through here: the error names the call, and the answer must carry a request id.
async function call(name, command) {
  let out;
  try {
    out = await ec2.send(command);
  } catch (e) {
    fail(`${name}: ${e.name}: ${e.message} (requestId ${e.$metadata?.requestId ?? 'none'})`);
  }
  check(typeof out.$metadata.requestId === 'string' && out.$metadata.requestId.length > 0,
    `${name}: $metadata.requestId is empty (the SDK reads it from the x-amzn-RequestId response header)`);
  return out;
}
const tags = (ResourceType, kv) => [{ ResourceType, Tags: Object.entries(kv).map(([Key, Value]) => ({ Key, Value })) }];
// A paginator's pages, with any error naming the call (the paginator throws from inside for-await).
async function eachPage(name, pages, onPage) {
  try {
    for await (const page of pages) {
      check(page.$metadata.requestId, `${name}: a page has no request id`);
      onPage(page);
    }
  } catch (e) {
    fail(`${name}: ${e.name}: ${e.message}`);
  }
}
const waiterConfig = { client: ec2, maxWaitTime: 60, minDelay: 1, maxDelay: 2 };

async function waitEndpoint(id, want) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    let state;
    try {
      const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
      state = out.VpcEndpoints.length === 0 ? 'gone' : out.VpcEndpoints[0].State.toLowerCase();
      if (state === 'deleted') state = 'gone';
    } catch (e) {
      if (e.name !== 'InvalidVpcEndpointId.NotFound') fail(`DescribeVpcEndpoints ${id}: ${e.name}: ${e.message}`);
      state = 'gone';
    }
    if (state === want) return;
    check(state !== 'failed', `endpoint ${id} failed`);
    check(Date.now() < deadline, `endpoint ${id} still ${state} after a minute, waiting for ${want}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const vpc = (await call('CreateVpc', new CreateVpcCommand({ CidrBlock: '10.73.0.0/16', TagSpecifications: tags('vpc', { Name: run, suite: run }) }))).Vpc;
const vpcId = vpc.VpcId;
await waitUntilVpcAvailable(waiterConfig, { VpcIds: [vpcId] });
await call('ModifyVpcAttribute', new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
const hostnames = await call('DescribeVpcAttribute', new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
check(hostnames.EnableDnsHostnames.Value === true, 'enableDnsHostnames is still false');
step(`VPC ${vpcId} available, DNS hostnames on`);

const subnetIds = [];
for (const [i, zone] of ['us-east-1a', 'us-east-1b'].entries()) {
  const s = await call(`CreateSubnet ${zone}`, new CreateSubnetCommand({
    VpcId: vpcId, CidrBlock: `10.73.${i + 1}.0/24`, AvailabilityZone: zone, TagSpecifications: tags('subnet', { Name: `${run}-${zone}`, tier: 'private' }),
  }));
  subnetIds.push(s.Subnet.SubnetId);
}
await waitUntilSubnetAvailable(waiterConfig, { SubnetIds: subnetIds });
await call('ModifySubnetAttribute', new ModifySubnetAttributeCommand({ SubnetId: subnetIds[0], MapPublicIpOnLaunch: { Value: false } }));

const rtbId = (await call('CreateRouteTable', new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tags('route-table', { Name: run }) }))).RouteTable.RouteTableId;
const associations = [];
for (const s of subnetIds) {
  associations.push((await call('AssociateRouteTable', new AssociateRouteTableCommand({ RouteTableId: rtbId, SubnetId: s }))).AssociationId);
}

const sgId = (await call('CreateSecurityGroup', new CreateSecurityGroupCommand({
  GroupName: `${run}-endpoints`, Description: 'HTTPS to interface endpoints', VpcId: vpcId, TagSpecifications: tags('security-group', { suite: run }),
}))).GroupId;
await waitUntilSecurityGroupExists(waiterConfig, { GroupIds: [sgId] });
await call('AuthorizeSecurityGroupIngress', new AuthorizeSecurityGroupIngressCommand({
  GroupId: sgId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.73.0.0/16' }] }],
}));
step(`subnets ${subnetIds.join(', ')}, route table ${rtbId}, group ${sgId}`);

const gwId = (await call('CreateVpcEndpoint Gateway', new CreateVpcEndpointCommand({
  VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'Gateway', RouteTableIds: [rtbId], TagSpecifications: tags('vpc-endpoint', { suite: run }),
}))).VpcEndpoint.VpcEndpointId;
const ifaceId = (await call('CreateVpcEndpoint Interface', new CreateVpcEndpointCommand({
  VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.sqs', VpcEndpointType: 'Interface', SubnetIds: subnetIds,
  SecurityGroupIds: [sgId], PrivateDnsEnabled: true, TagSpecifications: tags('vpc-endpoint', { suite: run }),
}))).VpcEndpoint.VpcEndpointId;
await waitEndpoint(gwId, 'available');
await waitEndpoint(ifaceId, 'available');
const iface = (await call('DescribeVpcEndpoints', new DescribeVpcEndpointsCommand({ VpcEndpointIds: [ifaceId] }))).VpcEndpoints[0];
check(iface.PrivateDnsEnabled === true && iface.NetworkInterfaceIds.length === 2, `interface endpoint: ${JSON.stringify(iface)}`);
check(iface.DnsEntries.some((d) => d.DnsName === 'sqs.us-east-1.amazonaws.com'), 'private DNS name sqs.us-east-1.amazonaws.com missing');
step(`endpoints ${gwId} and ${ifaceId} available`);

// Modify the gateway endpoint's policy; the route table shows the prefix-list route.
const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] });
await call('ModifyVpcEndpoint', new ModifyVpcEndpointCommand({ VpcEndpointId: gwId, PolicyDocument: policy }));
await waitEndpoint(gwId, 'available');
const gw = (await call('DescribeVpcEndpoints', new DescribeVpcEndpointsCommand({ VpcEndpointIds: [gwId] }))).VpcEndpoints[0];
check(gw.PolicyDocument.includes('s3:GetObject'), `policy not stored: ${gw.PolicyDocument}`);
const rt = (await call('DescribeRouteTables', new DescribeRouteTablesCommand({ RouteTableIds: [rtbId] }))).RouteTables[0];
check(rt.Routes.some((r) => r.GatewayId === gwId && r.DestinationPrefixListId?.startsWith('pl-')), 'no prefix-list route to the gateway endpoint');

// Paginators with page sizes other than the default, checked against a filtered describe.
await call('CreateTags', new CreateTagsCommand({ Resources: [gwId, ifaceId], Tags: [{ Key: 'owner', Value: 'platform' }] }));
const seen = [];
let pages = 0;
await eachPage('paginateDescribeVpcEndpoints pageSize=1', paginateDescribeVpcEndpoints({ client: ec2, pageSize: 1 },
  { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'tag:owner', Values: ['platform'] }] }), (page) => {
  pages += 1;
  seen.push(...page.VpcEndpoints.map((e) => e.VpcEndpointId));
});
check(seen.length === 2 && seen.includes(gwId) && seen.includes(ifaceId) && pages >= 2, `paginated endpoints ${seen} in ${pages} pages`);
// AWS caps DescribeVpcEndpoints at 1,000 results a page; a larger page size is not an error.
await eachPage('paginateDescribeVpcEndpoints pageSize=2000', paginateDescribeVpcEndpoints({ client: ec2, pageSize: 2000 },
  { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }), (page) => {
  check(page.VpcEndpoints.length === 2, `pageSize 2000 returned ${page.VpcEndpoints.length} endpoints`);
});
let subnets = 0;
await eachPage('paginateDescribeSubnets pageSize=5', paginateDescribeSubnets({ client: ec2, pageSize: 5 },
  { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'tag:tier', Values: ['private'] }] }), (page) => { subnets += page.Subnets.length; });
check(subnets === 2, `tag:tier=private found ${subnets} subnets`);
let groups = 0;
await eachPage('paginateDescribeSecurityGroups pageSize=5', paginateDescribeSecurityGroups({ client: ec2, pageSize: 5 },
  { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }), (page) => { groups += page.SecurityGroups.length; });
check(groups === 2, `the VPC has ${groups} security groups, expected default and ${sgId}`);
step('paginators, filters and tags agree');

// Teardown in dependency order.
const del = await call('DeleteVpcEndpoints', new DeleteVpcEndpointsCommand({ VpcEndpointIds: [gwId, ifaceId] }));
check(del.Unsuccessful.length === 0, `DeleteVpcEndpoints unsuccessful: ${JSON.stringify(del.Unsuccessful)}`);
await waitEndpoint(gwId, 'gone');
await waitEndpoint(ifaceId, 'gone');
await call('DeleteSecurityGroup', new DeleteSecurityGroupCommand({ GroupId: sgId }));
for (const a of associations) await call('DisassociateRouteTable', new DisassociateRouteTableCommand({ AssociationId: a }));
await call('DeleteRouteTable', new DeleteRouteTableCommand({ RouteTableId: rtbId }));
for (const s of subnetIds) await call('DeleteSubnet', new DeleteSubnetCommand({ SubnetId: s }));
await call('DeleteVpc', new DeleteVpcCommand({ VpcId: vpcId }));
try {
  await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  fail('DescribeVpcs found the deleted VPC');
} catch (e) {
  check(e.name === 'InvalidVpcID.NotFound', `DescribeVpcs of the deleted VPC: ${e.name}`);
  check(e.$metadata?.requestId, 'the error answer has no request id');
}
step('teardown complete');
console.log('js-sdk: workflow OK');
