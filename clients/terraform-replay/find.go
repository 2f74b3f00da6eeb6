package main

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// The provider's find functions: a Describe call (through the SDK's paginator where the provider uses one),
// its not-found error codes turned into errNotFound, and "exactly one result" asserted.

func code(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

func notFoundIf(err error, codes ...string) error {
	if err != nil && in(code(err), codes) {
		return fmt.Errorf("%w (%s)", errNotFound, code(err))
	}
	return err
}

func attrFilters(kv ...string) []types.Filter {
	var f []types.Filter
	for i := 0; i+1 < len(kv); i += 2 {
		f = append(f, types.Filter{Name: aws.String(kv[i]), Values: []string{kv[i+1]}})
	}
	return f
}

func single(n int, what string) error {
	if n == 0 {
		return fmt.Errorf("%w (empty result for %s)", errNotFound, what)
	}
	if n > 1 {
		return fmt.Errorf("%s: %d results, expected one", what, n)
	}
	return nil
}

func findVPC(c *ec2.Client, input *ec2.DescribeVpcsInput) (*types.Vpc, error) {
	var out []types.Vpc
	pages := ec2.NewDescribeVpcsPaginator(c, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidVpcID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.Vpcs...)
	}
	if err := single(len(out), "DescribeVpcs"); err != nil {
		return nil, err
	}
	return &out[0], nil
}

func findVPCAttribute(c *ec2.Client, vpcID string, attribute types.VpcAttributeName) (bool, error) {
	out, err := c.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{Attribute: attribute, VpcId: aws.String(vpcID)})
	if err = notFoundIf(err, "InvalidVpcID.NotFound"); err != nil {
		return false, err
	}
	var v *types.AttributeBooleanValue
	switch attribute {
	case types.VpcAttributeNameEnableDnsHostnames:
		v = out.EnableDnsHostnames
	case types.VpcAttributeNameEnableDnsSupport:
		v = out.EnableDnsSupport
	case types.VpcAttributeNameEnableNetworkAddressUsageMetrics:
		v = out.EnableNetworkAddressUsageMetrics
	}
	if v == nil {
		return false, fmt.Errorf("DescribeVpcAttribute %s: the answer has no %s element (the provider fails on an empty result)", attribute, attribute)
	}
	return aws.ToBool(v.Value), nil
}

func findNetworkACL(c *ec2.Client, input *ec2.DescribeNetworkAclsInput) (*types.NetworkAcl, error) {
	var out []types.NetworkAcl
	pages := ec2.NewDescribeNetworkAclsPaginator(c, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidNetworkAclID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.NetworkAcls...)
	}
	if err := single(len(out), "DescribeNetworkAcls"); err != nil {
		return nil, err
	}
	return &out[0], nil
}

func findRouteTables(c *ec2.Client, input *ec2.DescribeRouteTablesInput) ([]types.RouteTable, error) {
	var out []types.RouteTable
	pages := ec2.NewDescribeRouteTablesPaginator(c, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidRouteTableID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.RouteTables...)
	}
	return out, nil
}

func findRouteTable(c *ec2.Client, input *ec2.DescribeRouteTablesInput) (*types.RouteTable, error) {
	out, err := findRouteTables(c, input)
	if err != nil {
		return nil, err
	}
	if err := single(len(out), "DescribeRouteTables"); err != nil {
		return nil, err
	}
	return &out[0], nil
}

func findRouteTableByID(c *ec2.Client, id string) (*types.RouteTable, error) {
	return findRouteTable(c, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{id}})
}

// findRouteTableAssociationByID: DescribeRouteTables filtered by association.route-table-association-id; a
// disassociated association counts as not found.
func findRouteTableAssociationByID(c *ec2.Client, id string) (*types.RouteTableAssociation, error) {
	rt, err := findRouteTable(c, &ec2.DescribeRouteTablesInput{Filters: attrFilters("association.route-table-association-id", id)})
	if err != nil {
		return nil, err
	}
	for _, a := range rt.Associations {
		if aws.ToString(a.RouteTableAssociationId) == id {
			if a.AssociationState != nil && a.AssociationState.State == types.RouteTableAssociationStateCodeDisassociated {
				return nil, fmt.Errorf("%w (disassociated)", errNotFound)
			}
			return &a, nil
		}
	}
	return nil, fmt.Errorf("%w (association %s not in %s)", errNotFound, id, aws.ToString(rt.RouteTableId))
}

func findSecurityGroup(c *ec2.Client, input *ec2.DescribeSecurityGroupsInput) (*types.SecurityGroup, error) {
	var out []types.SecurityGroup
	pages := ec2.NewDescribeSecurityGroupsPaginator(c, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidGroup.NotFound", "InvalidSecurityGroupID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.SecurityGroups...)
	}
	if err := single(len(out), "DescribeSecurityGroups"); err != nil {
		return nil, err
	}
	return &out[0], nil
}

func findSecurityGroupByID(c *ec2.Client, id string) (*types.SecurityGroup, error) {
	return findSecurityGroup(c, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
}

func findSubnetByID(c *ec2.Client, id string) (*types.Subnet, error) {
	var out []types.Subnet
	pages := ec2.NewDescribeSubnetsPaginator(c, &ec2.DescribeSubnetsInput{SubnetIds: []string{id}})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidSubnetID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.Subnets...)
	}
	if err := single(len(out), "DescribeSubnets"); err != nil {
		return nil, err
	}
	return &out[0], nil
}

// findVPCEndpointByID: an endpoint in state "deleted" counts as not found.
func findVPCEndpointByID(c *ec2.Client, id string) (*types.VpcEndpoint, error) {
	var out []types.VpcEndpoint
	pages := ec2.NewDescribeVpcEndpointsPaginator(c, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidVpcEndpointId.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.VpcEndpoints...)
	}
	if err := single(len(out), "DescribeVpcEndpoints"); err != nil {
		return nil, err
	}
	if out[0].State == types.State("deleted") || out[0].State == types.State("Deleted") {
		return nil, fmt.Errorf("%w (state deleted)", errNotFound)
	}
	return &out[0], nil
}

func findPrefixList(c *ec2.Client, input *ec2.DescribePrefixListsInput) (*types.PrefixList, error) {
	var out []types.PrefixList
	pages := ec2.NewDescribePrefixListsPaginator(c, input)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidPrefixListID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.PrefixLists...)
	}
	if err := single(len(out), "DescribePrefixLists"); err != nil {
		return nil, err
	}
	return &out[0], nil
}

func findNetworkInterfaceByID(c *ec2.Client, id string) (*types.NetworkInterface, error) {
	var out []types.NetworkInterface
	pages := ec2.NewDescribeNetworkInterfacesPaginator(c, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{id}})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidNetworkInterfaceID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.NetworkInterfaces...)
	}
	if err := single(len(out), "DescribeNetworkInterfaces"); err != nil {
		return nil, err
	}
	return &out[0], nil
}
