// The AWS SDK for Go v2, as Debian packages it (golang-github-aws-aws-sdk-go-v2-dev), driving a whole
// endpoint workflow against localvpc: the SDK's own waiters and paginators, filters, tags, modifies, and a
// teardown in dependency order. Built offline (GO111MODULE=off, GOPATH=/usr/share/gocode); the endpoint
// comes from LOCALVPC_ENDPOINT. Exits non-zero, naming the call, at the first thing that is not as AWS does it.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

var ctx = context.Background()

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func must(err error, call string) {
	if err != nil {
		fail("%s: %v", call, err)
	}
}

func check(ok bool, format string, args ...interface{}) {
	if !ok {
		fail(format, args...)
	}
}

func step(format string, args ...interface{}) {
	fmt.Printf("go-sdk: "+format+"\n", args...)
}

func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

func filter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

func tags(resource types.ResourceType, kv ...string) []types.TagSpecification {
	var t []types.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		t = append(t, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return []types.TagSpecification{{ResourceType: resource, Tags: t}}
}

func main() {
	endpoint := os.Getenv("LOCALVPC_ENDPOINT")
	check(endpoint != "", "LOCALVPC_ENDPOINT is not set")
	client := ec2.New(ec2.Options{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("test", "test", ""),
		EndpointResolver: ec2.EndpointResolverFromURL(endpoint),
	})
	// Waiters here poll every second: localvpc settles at once, and the SDK's defaults (15 s) only add time.
	fast := func(min, max *time.Duration) { *min = time.Second; *max = 2 * time.Second }
	const run = "go-sdk-workflow"

	vpcOut, err := client.CreateVpc(ctx, &ec2.CreateVpcInput{
		CidrBlock:         aws.String("10.71.0.0/16"),
		TagSpecifications: tags(types.ResourceTypeVpc, "Name", run, "suite", run),
	})
	must(err, "CreateVpc")
	vpcID := aws.ToString(vpcOut.Vpc.VpcId)
	step("CreateVpc → %s", vpcID)
	vpcWaiter := ec2.NewVpcAvailableWaiter(client, func(o *ec2.VpcAvailableWaiterOptions) { fast(&o.MinDelay, &o.MaxDelay) })
	must(vpcWaiter.Wait(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}}, time.Minute), "VpcAvailable waiter")

	_, err = client.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{VpcId: &vpcID, EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
	must(err, "ModifyVpcAttribute EnableDnsHostnames=true")
	hostnames, err := client.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: &vpcID, Attribute: types.VpcAttributeNameEnableDnsHostnames})
	must(err, "DescribeVpcAttribute enableDnsHostnames")
	check(aws.ToBool(hostnames.EnableDnsHostnames.Value), "enableDnsHostnames is still false after ModifyVpcAttribute")

	var subnetIDs []string
	for i, zone := range []string{"us-east-1a", "us-east-1b"} {
		out, err := client.CreateSubnet(ctx, &ec2.CreateSubnetInput{
			VpcId: &vpcID, CidrBlock: aws.String(fmt.Sprintf("10.71.%d.0/24", i+1)), AvailabilityZone: aws.String(zone),
			TagSpecifications: tags(types.ResourceTypeSubnet, "Name", fmt.Sprintf("%s-private-%d", run, i+1), "tier", "private"),
		})
		must(err, "CreateSubnet "+zone)
		check(aws.ToString(out.Subnet.AvailabilityZone) == zone, "subnet zone %s, asked %s", aws.ToString(out.Subnet.AvailabilityZone), zone)
		subnetIDs = append(subnetIDs, aws.ToString(out.Subnet.SubnetId))
	}
	subnetWaiter := ec2.NewSubnetAvailableWaiter(client, func(o *ec2.SubnetAvailableWaiterOptions) { fast(&o.MinDelay, &o.MaxDelay) })
	must(subnetWaiter.Wait(ctx, &ec2.DescribeSubnetsInput{SubnetIds: subnetIDs}, time.Minute), "SubnetAvailable waiter")
	step("two private subnets in two zones: %v", subnetIDs)

	// Modify a subnet and read the change back.
	_, err = client.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: &subnetIDs[1], MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(true)}})
	must(err, "ModifySubnetAttribute MapPublicIpOnLaunch=true")
	_, err = client.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: &subnetIDs[1], MapPublicIpOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(false)}})
	must(err, "ModifySubnetAttribute MapPublicIpOnLaunch=false")
	sub, err := client.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: subnetIDs[1:]})
	must(err, "DescribeSubnets")
	check(!aws.ToBool(sub.Subnets[0].MapPublicIpOnLaunch), "MapPublicIpOnLaunch did not return to false")

	rtOut, err := client.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &vpcID, TagSpecifications: tags(types.ResourceTypeRouteTable, "Name", run+"-private")})
	must(err, "CreateRouteTable")
	rtbID := aws.ToString(rtOut.RouteTable.RouteTableId)
	assocByRtb := map[string]string{}
	for _, s := range subnetIDs {
		a, err := client.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: &rtbID, SubnetId: aws.String(s)})
		must(err, "AssociateRouteTable "+s)
		check(a.AssociationState != nil && a.AssociationState.State == types.RouteTableAssociationStateCodeAssociated, "association of %s is not associated", s)
		assocByRtb[s] = aws.ToString(a.AssociationId)
	}
	mainRtb, err := client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{filter("vpc-id", vpcID), filter("association.main", "true")}})
	must(err, "DescribeRouteTables association.main=true")
	check(len(mainRtb.RouteTables) == 1, "expected one main route table, got %d", len(mainRtb.RouteTables))
	mainRtbID := aws.ToString(mainRtb.RouteTables[0].RouteTableId)
	// Move the second subnet to the main table and back: ReplaceRouteTableAssociation, twice.
	moved, err := client.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: aws.String(assocByRtb[subnetIDs[1]]), RouteTableId: &mainRtbID})
	must(err, "ReplaceRouteTableAssociation → main")
	back, err := client.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: moved.NewAssociationId, RouteTableId: &rtbID})
	must(err, "ReplaceRouteTableAssociation → private")
	assocByRtb[subnetIDs[1]] = aws.ToString(back.NewAssociationId)
	step("route table %s associated with both subnets", rtbID)

	sgOut, err := client.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(run + "-endpoints"), Description: aws.String("HTTPS from the VPC to interface endpoints"), VpcId: &vpcID,
		TagSpecifications: tags(types.ResourceTypeSecurityGroup, "Name", run+"-endpoints"),
	})
	must(err, "CreateSecurityGroup")
	sgID := aws.ToString(sgOut.GroupId)
	sgWaiter := ec2.NewSecurityGroupExistsWaiter(client, func(o *ec2.SecurityGroupExistsWaiterOptions) { fast(&o.MinDelay, &o.MaxDelay) })
	must(sgWaiter.Wait(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{sgID}}, time.Minute), "SecurityGroupExists waiter")
	_, err = client.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &sgID, IpPermissions: []types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
		IpRanges: []types.IpRange{{CidrIp: aws.String("10.71.0.0/16"), Description: aws.String("HTTPS from the VPC")}},
	}}})
	must(err, "AuthorizeSecurityGroupIngress tcp/443")
	rules := 0
	rulePages := ec2.NewDescribeSecurityGroupRulesPaginator(client, &ec2.DescribeSecurityGroupRulesInput{Filters: []types.Filter{filter("group-id", sgID)}, MaxResults: aws.Int32(5)})
	for rulePages.HasMorePages() {
		page, err := rulePages.NextPage(ctx)
		must(err, "DescribeSecurityGroupRules page")
		rules += len(page.SecurityGroupRules)
	}
	check(rules == 2, "security group has %d rules, expected ingress 443 and the default egress", rules)

	gw, err := client.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: &vpcID, ServiceName: aws.String("com.amazonaws.us-east-1.s3"), VpcEndpointType: types.VpcEndpointTypeGateway,
		RouteTableIds: []string{rtbID}, TagSpecifications: tags(types.ResourceTypeVpcEndpoint, "Name", run+"-s3", "suite", run),
	})
	must(err, "CreateVpcEndpoint Gateway s3")
	gwID := aws.ToString(gw.VpcEndpoint.VpcEndpointId)
	iface, err := client.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: &vpcID, ServiceName: aws.String("com.amazonaws.us-east-1.sqs"), VpcEndpointType: types.VpcEndpointTypeInterface,
		SubnetIds: subnetIDs, SecurityGroupIds: []string{sgID}, PrivateDnsEnabled: aws.Bool(true),
		TagSpecifications: tags(types.ResourceTypeVpcEndpoint, "Name", run+"-sqs", "suite", run),
	})
	must(err, "CreateVpcEndpoint Interface sqs")
	ifaceID := aws.ToString(iface.VpcEndpoint.VpcEndpointId)
	for _, id := range []string{gwID, ifaceID} {
		waitEndpoint(client, id, "available")
	}
	step("endpoints %s (gateway) and %s (interface) available", gwID, ifaceID)

	ep := describeEndpoint(client, ifaceID)
	check(aws.ToBool(ep.PrivateDnsEnabled), "interface endpoint PrivateDnsEnabled is false")
	check(len(ep.NetworkInterfaceIds) == 2, "interface endpoint has %d network interfaces, expected one per subnet", len(ep.NetworkInterfaceIds))
	check(len(ep.DnsEntries) > 0, "interface endpoint has no DNS entries")
	names := []string{}
	for _, d := range ep.DnsEntries {
		names = append(names, aws.ToString(d.DnsName))
	}
	check(contains(names, "sqs.us-east-1.amazonaws.com"), "private DNS name sqs.us-east-1.amazonaws.com missing from %v", names)
	enis, err := client.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: ep.NetworkInterfaceIds})
	must(err, "DescribeNetworkInterfaces of the interface endpoint")
	var eniSubnets []string
	for _, n := range enis.NetworkInterfaces {
		eniSubnets = append(eniSubnets, aws.ToString(n.SubnetId))
	}
	sort.Strings(eniSubnets)
	want := append([]string{}, subnetIDs...)
	sort.Strings(want)
	check(strings.Join(eniSubnets, ",") == strings.Join(want, ","), "endpoint interfaces are in %v, expected %v", eniSubnets, want)

	// Modify: a policy on the gateway endpoint and the main route table added to it.
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`
	_, err = client.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &gwID, PolicyDocument: aws.String(policy), AddRouteTableIds: []string{mainRtbID}})
	must(err, "ModifyVpcEndpoint PolicyDocument + AddRouteTableIds")
	waitEndpoint(client, gwID, "available")
	g := describeEndpoint(client, gwID)
	check(strings.Contains(aws.ToString(g.PolicyDocument), "s3:GetObject"), "policy not stored: %s", aws.ToString(g.PolicyDocument))
	check(len(g.RouteTableIds) == 2, "gateway endpoint route tables %v, expected two", g.RouteTableIds)
	rt, err := client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{rtbID}})
	must(err, "DescribeRouteTables")
	hasPl := false
	for _, r := range rt.RouteTables[0].Routes {
		if aws.ToString(r.GatewayId) == gwID && strings.HasPrefix(aws.ToString(r.DestinationPrefixListId), "pl-") {
			hasPl = true
		}
	}
	check(hasPl, "route table %s has no prefix-list route to %s", rtbID, gwID)
	// The interface endpoint: drop a subnet and add it back.
	_, err = client.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &ifaceID, RemoveSubnetIds: subnetIDs[1:]})
	must(err, "ModifyVpcEndpoint RemoveSubnetIds")
	waitEndpoint(client, ifaceID, "available")
	check(len(describeEndpoint(client, ifaceID).SubnetIds) == 1, "subnet not removed from the interface endpoint")
	_, err = client.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: &ifaceID, AddSubnetIds: subnetIDs[1:]})
	must(err, "ModifyVpcEndpoint AddSubnetIds")
	waitEndpoint(client, ifaceID, "available")
	check(len(describeEndpoint(client, ifaceID).SubnetIds) == 2, "subnet not added back to the interface endpoint")

	// Describe with filters, tags and pagination (page size 1, far below the default).
	seen := map[string]bool{}
	pages := ec2.NewDescribeVpcEndpointsPaginator(client, &ec2.DescribeVpcEndpointsInput{
		Filters: []types.Filter{filter("vpc-id", vpcID), filter("tag:suite", run)}, MaxResults: aws.Int32(1),
	})
	pageCount := 0
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		must(err, "DescribeVpcEndpoints page (MaxResults=1)")
		pageCount++
		for _, e := range page.VpcEndpoints {
			seen[aws.ToString(e.VpcEndpointId)] = true
		}
	}
	check(len(seen) == 2 && seen[gwID] && seen[ifaceID], "paginated DescribeVpcEndpoints saw %v", seen)
	check(pageCount >= 2, "two endpoints at one per page came in %d pages", pageCount)
	ifaces, err := client.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{filter("vpc-id", vpcID), filter("vpc-endpoint-type", "Interface")}})
	must(err, "DescribeVpcEndpoints vpc-endpoint-type=Interface")
	check(len(ifaces.VpcEndpoints) == 1 && aws.ToString(ifaces.VpcEndpoints[0].VpcEndpointId) == ifaceID, "vpc-endpoint-type filter returned %d endpoints", len(ifaces.VpcEndpoints))
	subnetCount := 0
	subnetPages := ec2.NewDescribeSubnetsPaginator(client, &ec2.DescribeSubnetsInput{Filters: []types.Filter{filter("vpc-id", vpcID), filter("tag:tier", "private")}, MaxResults: aws.Int32(5)})
	for subnetPages.HasMorePages() {
		page, err := subnetPages.NextPage(ctx)
		must(err, "DescribeSubnets page")
		subnetCount += len(page.Subnets)
	}
	check(subnetCount == 2, "tag:tier=private found %d subnets", subnetCount)
	_, err = client.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{vpcID, gwID}, Tags: []types.Tag{{Key: aws.String("owner"), Value: aws.String("platform")}}})
	must(err, "CreateTags")
	tagged, err := client.DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{filter("key", "owner"), filter("resource-id", vpcID, gwID)}})
	must(err, "DescribeTags")
	check(len(tagged.Tags) == 2, "DescribeTags found %d owner tags", len(tagged.Tags))
	services, err := client.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{"com.amazonaws.us-east-1.sqs"}})
	must(err, "DescribeVpcEndpointServices")
	check(len(services.ServiceDetails) == 1 && aws.ToBool(services.ServiceDetails[0].VpcEndpointPolicySupported), "sqs service details: %+v", services.ServiceDetails)
	step("describes with filters, tags and pages of one agree")

	// Teardown, in dependency order.
	del, err := client.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{gwID, ifaceID}})
	must(err, "DeleteVpcEndpoints")
	check(len(del.Unsuccessful) == 0, "DeleteVpcEndpoints unsuccessful: %+v", del.Unsuccessful)
	for _, id := range []string{gwID, ifaceID} {
		waitEndpoint(client, id, "gone")
	}
	// An id that never existed is reported per item, with the code AWS uses inside Unsuccessful.
	unknown, err := client.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{"vpce-0123456789abcdef0"}})
	must(err, "DeleteVpcEndpoints of an unknown id")
	check(len(unknown.Unsuccessful) == 1 && aws.ToString(unknown.Unsuccessful[0].Error.Code) == "InvalidVpcEndpoint.NotFound",
		"deleting an unknown endpoint: Unsuccessful %s, expected the code InvalidVpcEndpoint.NotFound", describeUnsuccessful(unknown.Unsuccessful))
	_, err = client.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: &sgID})
	must(err, "DeleteSecurityGroup")
	for _, s := range subnetIDs {
		_, err = client.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(assocByRtb[s])})
		must(err, "DisassociateRouteTable")
	}
	_, err = client.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: &rtbID})
	must(err, "DeleteRouteTable")
	for _, s := range subnetIDs {
		_, err = client.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(s)})
		must(err, "DeleteSubnet "+s)
	}
	_, err = client.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: &vpcID})
	must(err, "DeleteVpc")
	_, err = client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})
	check(errorCode(err) == "InvalidVpcID.NotFound", "DescribeVpcs of the deleted VPC: %v, expected InvalidVpcID.NotFound", err)
	step("teardown complete")
	fmt.Println("go-sdk: workflow OK")
}

func describeEndpoint(client *ec2.Client, id string) types.VpcEndpoint {
	out, err := client.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	must(err, "DescribeVpcEndpoints "+id)
	check(len(out.VpcEndpoints) == 1, "DescribeVpcEndpoints %s returned %d endpoints", id, len(out.VpcEndpoints))
	return out.VpcEndpoints[0]
}

// waitEndpoint polls until the endpoint is in the wanted state ("gone": not found, or state deleted); the
// SDK has no waiter for VPC endpoints, so this is the loop every caller writes.
func waitEndpoint(client *ec2.Client, id, want string) {
	deadline := time.Now().Add(time.Minute)
	for {
		out, err := client.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
		state := ""
		switch {
		case errorCode(err) == "InvalidVpcEndpointId.NotFound":
			state = "gone"
		case err != nil:
			fail("DescribeVpcEndpoints %s: %v", id, err)
		case len(out.VpcEndpoints) == 0:
			state = "gone"
		default:
			state = strings.ToLower(string(out.VpcEndpoints[0].State))
			if state == "deleted" {
				state = "gone"
			}
		}
		if state == want {
			return
		}
		check(state != "failed", "endpoint %s failed", id)
		check(time.Now().Before(deadline), "endpoint %s still %s after a minute, waiting for %s", id, state, want)
		time.Sleep(500 * time.Millisecond)
	}
}

func describeUnsuccessful(items []types.UnsuccessfulItem) string {
	var parts []string
	for _, u := range items {
		code := ""
		if u.Error != nil {
			code = aws.ToString(u.Error.Code)
		}
		parts = append(parts, aws.ToString(u.ResourceId)+": "+code)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
