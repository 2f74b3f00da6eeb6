package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// state is what the provider stores for one resource: attribute name → value (lists sorted and joined, so
// that two reads compare as the provider's set/list attributes would).
type state map[string]string

func str(p *string) string { return aws.ToString(p) }
func boolean(p *bool) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}
func list(v []string) string {
	s := append([]string{}, v...)
	sort.Strings(s)
	return strings.Join(s, ",")
}
func tagState(st state, tags []types.Tag) {
	for _, t := range tags {
		st["tags."+str(t.Key)] = str(t.Value)
	}
}
func tagSpec(rt types.ResourceType, tags map[string]string) []types.TagSpecification {
	if len(tags) == 0 {
		return nil
	}
	var t []types.Tag
	for k, v := range tags {
		t = append(t, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	sort.Slice(t, func(i, j int) bool { return *t[i].Key < *t[j].Key })
	return []types.TagSpecification{{ResourceType: rt, Tags: t}}
}

const region = "us-east-1"

// ---------------------------------------------------------------- aws_vpc (vpc_.go)

type vpcConfig struct {
	cidr               string
	enableDNSHostnames bool
	tags               map[string]string
}

func vpcCreate(c *ec2.Client, cfg vpcConfig) (string, error) {
	out, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{
		AmazonProvidedIpv6CidrBlock: aws.Bool(false), // assign_generated_ipv6_cidr_block, always sent
		InstanceTenancy:             types.TenancyDefault,
		TagSpecifications:           tagSpec(types.ResourceTypeVpc, cfg.tags),
		CidrBlock:                   aws.String(cfg.cidr),
	})
	if err != nil {
		return "", fmt.Errorf("creating EC2 VPC: CreateVpc AmazonProvidedIpv6CidrBlock=false InstanceTenancy=default: %w", err)
	}
	id := str(out.Vpc.VpcId)
	if _, err := (waitConf{what: "waiting for VPC " + id + " create", pending: []string{"pending"}, target: []string{"available"},
		refresh: func() (interface{}, string, error) {
			v, err := findVPC(c, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
			if isNotFound(err) {
				return nil, "", nil
			}
			if err != nil {
				return nil, "", err
			}
			return v, string(v.State), nil
		}}).wait(); err != nil {
		return id, err
	}
	// modifyVPCAttributesOnCreate: compared with a new VPC's known defaults (hostnames false, support true,
	// usage metrics false), only what differs is modified, each followed by a wait for the attribute.
	if cfg.enableDNSHostnames {
		if err := vpcModifyAttribute(c, id, types.VpcAttributeNameEnableDnsHostnames, true); err != nil {
			return id, err
		}
	}
	return id, nil
}

func vpcModifyAttribute(c *ec2.Client, id string, attr types.VpcAttributeName, v bool) error {
	in := &ec2.ModifyVpcAttributeInput{VpcId: aws.String(id)}
	value := &types.AttributeBooleanValue{Value: aws.Bool(v)}
	switch attr {
	case types.VpcAttributeNameEnableDnsHostnames:
		in.EnableDnsHostnames = value
	case types.VpcAttributeNameEnableDnsSupport:
		in.EnableDnsSupport = value
	}
	if _, err := c.ModifyVpcAttribute(ctx, in); err != nil {
		return fmt.Errorf("modifying %s: %w", attr, err)
	}
	_, err := (waitConf{what: "waiting for VPC " + id + " " + string(attr), target: []string{fmt.Sprint(v)},
		refresh: func() (interface{}, string, error) {
			got, err := findVPCAttribute(c, id, attr)
			if isNotFound(err) {
				return nil, "", nil
			}
			if err != nil {
				return nil, "", err
			}
			return got, fmt.Sprint(got), nil
		}}).wait()
	return err
}

func vpcRead(c *ec2.Client, id string) (state, error) {
	v, err := findVPC(c, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	if err != nil {
		return nil, fmt.Errorf("reading EC2 VPC (%s): %w", id, err)
	}
	st := state{
		"arn":              fmt.Sprintf("arn:aws:ec2:%s:%s:vpc/%s", region, str(v.OwnerId), id),
		"cidr_block":       str(v.CidrBlock),
		"dhcp_options_id":  str(v.DhcpOptionsId),
		"instance_tenancy": string(v.InstanceTenancy),
		"owner_id":         str(v.OwnerId),
	}
	for attr, key := range map[types.VpcAttributeName]string{
		types.VpcAttributeNameEnableDnsHostnames:               "enable_dns_hostnames",
		types.VpcAttributeNameEnableDnsSupport:                 "enable_dns_support",
		types.VpcAttributeNameEnableNetworkAddressUsageMetrics: "enable_network_address_usage_metrics",
	} {
		b, err := findVPCAttribute(c, id, attr)
		if err != nil {
			return nil, fmt.Errorf("reading EC2 VPC (%s) Attribute (%s): %w", id, attr, err)
		}
		st[key] = fmt.Sprint(b)
	}
	// The default ACL, main route table and default group are read with filters; the provider only logs a
	// failure here, so a missing one shows as an empty attribute, which the assertions below catch.
	if acl, err := findNetworkACL(c, &ec2.DescribeNetworkAclsInput{Filters: attrFilters("default", "true", "vpc-id", id)}); err == nil {
		st["default_network_acl_id"] = str(acl.NetworkAclId)
	} else {
		warn("reading EC2 VPC (%s) default NACL: %v", id, err)
	}
	if rt, err := findRouteTable(c, &ec2.DescribeRouteTablesInput{Filters: attrFilters("association.main", "true", "vpc-id", id)}); err == nil {
		st["default_route_table_id"] = str(rt.RouteTableId)
		st["main_route_table_id"] = str(rt.RouteTableId)
	} else {
		warn("reading EC2 VPC (%s) main Route Table: %v", id, err)
	}
	if sg, err := findSecurityGroup(c, &ec2.DescribeSecurityGroupsInput{Filters: attrFilters("group-name", "default", "vpc-id", id)}); err == nil {
		st["default_security_group_id"] = str(sg.GroupId)
	} else {
		warn("reading EC2 VPC (%s) default Security Group: %v", id, err)
	}
	for _, a := range v.Ipv6CidrBlockAssociationSet {
		if a.Ipv6CidrBlockState != nil && a.Ipv6CidrBlockState.State == types.VpcCidrBlockStateCodeAssociated {
			st["ipv6_cidr_block"] = str(a.Ipv6CidrBlock)
			st["ipv6_association_id"] = str(a.AssociationId)
		}
	}
	tagState(st, v.Tags)
	return st, nil
}

func vpcDelete(c *ec2.Client, id string) error {
	_, err := retryOnCode(func() (interface{}, error) { return c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(id)}) }, "DependencyViolation")
	if code(err) == "InvalidVpcID.NotFound" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting EC2 VPC (%s): %w", id, err)
	}
	return retryUntilNotFound("waiting for EC2 VPC ("+id+") delete", func() error {
		_, err := findVPC(c, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
		return err
	})
}

// ---------------------------------------------------------------- aws_subnet (vpc_subnet.go)

type subnetConfig struct {
	vpcID, cidr, zone string
	tags              map[string]string
	// enable_resource_name_dns_a_record_on_launch (schema default false)
	resourceNameDNSARecord bool
}

func subnetCreate(c *ec2.Client, cfg subnetConfig) (string, error) {
	out, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{
		TagSpecifications: tagSpec(types.ResourceTypeSubnet, cfg.tags),
		VpcId:             aws.String(cfg.vpcID),
		AvailabilityZone:  aws.String(cfg.zone),
		CidrBlock:         aws.String(cfg.cidr),
	})
	if err != nil {
		return "", fmt.Errorf("creating EC2 Subnet: %w", err)
	}
	id := str(out.Subnet.SubnetId)
	raw, err := (waitConf{what: "waiting for EC2 Subnet (" + id + ") create", pending: []string{"pending"}, target: []string{"available"},
		refresh: func() (interface{}, string, error) {
			s, err := findSubnetByID(c, id)
			if isNotFound(err) {
				return nil, "", nil
			}
			if err != nil {
				return nil, "", err
			}
			return s, string(s.State), nil
		}}).wait()
	if err != nil {
		return id, err
	}
	s := raw.(*types.Subnet)
	// modifySubnetAttributesOnCreate: each configured value (the schema's defaults included) is compared with
	// what CreateSubnet produced; only a difference leads to ModifySubnetAttribute and a wait.
	if aws.ToBool(s.AssignIpv6AddressOnCreation) {
		return id, fmt.Errorf("new subnet has AssignIpv6AddressOnCreation=true; the provider would modify it to false")
	}
	if aws.ToBool(s.EnableDns64) {
		return id, fmt.Errorf("new subnet has EnableDns64=true; the provider would modify it to false")
	}
	if aws.ToBool(s.MapCustomerOwnedIpOnLaunch) || str(s.CustomerOwnedIpv4Pool) != "" {
		return id, fmt.Errorf("new subnet has customer-owned IP settings; the provider would modify them")
	}
	if s.PrivateDnsNameOptionsOnLaunch != nil {
		if aws.ToBool(s.PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord) {
			return id, fmt.Errorf("new subnet has EnableResourceNameDnsAAAARecord=true; the provider would modify it to false")
		}
		if aws.ToBool(s.PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord) != cfg.resourceNameDNSARecord {
			if err := subnetModifyResourceNameDNSARecord(c, id, cfg.resourceNameDNSARecord); err != nil {
				return id, err
			}
		}
	}
	if aws.ToBool(s.MapPublicIpOnLaunch) {
		return id, fmt.Errorf("new subnet has MapPublicIpOnLaunch=true; the provider would modify it to false")
	}
	return id, nil
}

func subnetModifyResourceNameDNSARecord(c *ec2.Client, id string, v bool) error {
	_, err := c.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: aws.String(id),
		EnableResourceNameDnsARecordOnLaunch: &types.AttributeBooleanValue{Value: aws.Bool(v)}})
	if err != nil {
		return fmt.Errorf("modifying EC2 Subnet (%s) EnableResourceNameDnsARecordOnLaunch: %w", id, err)
	}
	_, err = (waitConf{what: "waiting for EC2 Subnet (" + id + ") EnableResourceNameDnsARecordOnLaunch update", target: []string{fmt.Sprint(v)},
		refresh: func() (interface{}, string, error) {
			s, err := findSubnetByID(c, id)
			if isNotFound(err) {
				return nil, "", nil
			}
			if err != nil {
				return nil, "", err
			}
			if s.PrivateDnsNameOptionsOnLaunch == nil {
				return s, "", nil
			}
			return s, fmt.Sprint(aws.ToBool(s.PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord)), nil
		}}).wait()
	return err
}

func subnetRead(c *ec2.Client, id string) (state, error) {
	s, err := findSubnetByID(c, id)
	if err != nil {
		return nil, fmt.Errorf("reading EC2 Subnet (%s): %w", id, err)
	}
	st := state{
		"arn": str(s.SubnetArn), "assign_ipv6_address_on_creation": boolean(s.AssignIpv6AddressOnCreation),
		"availability_zone": str(s.AvailabilityZone), "availability_zone_id": str(s.AvailabilityZoneId),
		"cidr_block": str(s.CidrBlock), "customer_owned_ipv4_pool": str(s.CustomerOwnedIpv4Pool),
		"enable_dns64": boolean(s.EnableDns64), "ipv6_native": boolean(s.Ipv6Native),
		"map_customer_owned_ip_on_launch": boolean(s.MapCustomerOwnedIpOnLaunch), "map_public_ip_on_launch": boolean(s.MapPublicIpOnLaunch),
		"outpost_arn": str(s.OutpostArn), "owner_id": str(s.OwnerId), "vpc_id": str(s.VpcId),
	}
	if s.EnableLniAtDeviceIndex != nil {
		st["enable_lni_at_device_index"] = fmt.Sprint(*s.EnableLniAtDeviceIndex)
	}
	if o := s.PrivateDnsNameOptionsOnLaunch; o != nil {
		st["enable_resource_name_dns_aaaa_record_on_launch"] = boolean(o.EnableResourceNameDnsAAAARecord)
		st["enable_resource_name_dns_a_record_on_launch"] = boolean(o.EnableResourceNameDnsARecord)
		st["private_dns_hostname_type_on_launch"] = string(o.HostnameType)
	}
	tagState(st, s.Tags)
	return st, nil
}

func subnetDelete(c *ec2.Client, id string) error {
	if err := lingeringENIs(c, "subnet-id", id); err != nil {
		return err
	}
	_, err := retryOnCode(func() (interface{}, error) { return c.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(id)}) }, "DependencyViolation")
	if code(err) == "InvalidSubnetID.NotFound" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting EC2 Subnet (%s): %w", id, err)
	}
	return nil
}

// lingeringENIs follows deleteLingeringENIs: before a subnet or group is deleted the provider lists the
// network interfaces that still use it (and would detach and delete those left by Lambda, ELB and the like).
// Here none may be left: the endpoints that owned interfaces are already deleted.
func lingeringENIs(c *ec2.Client, filterName, id string) error {
	out, err := c.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{Filters: attrFilters(filterName, id)})
	if err != nil {
		return fmt.Errorf("deleting ENIs for %s: DescribeNetworkInterfaces %s=%s: %w", id, filterName, id, err)
	}
	if len(out.NetworkInterfaces) > 0 {
		return fmt.Errorf("%d network interfaces still use %s after their endpoints were deleted (first %s, %s)", len(out.NetworkInterfaces), id,
			str(out.NetworkInterfaces[0].NetworkInterfaceId), str(out.NetworkInterfaces[0].Description))
	}
	return nil
}

// ---------------------------------------------------------------- aws_route_table (vpc_route_table.go)

func routeTableCreate(c *ec2.Client, vpcID string, tags map[string]string) (string, error) {
	out, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(vpcID), TagSpecifications: tagSpec(types.ResourceTypeRouteTable, tags)})
	if err != nil {
		return "", fmt.Errorf("creating Route Table: %w", err)
	}
	id := str(out.RouteTable.RouteTableId)
	_, err = (waitConf{what: "waiting for Route Table (" + id + ") create", target: []string{"ready"}, notFoundChecks: 40, continuousTargetOccurence: 2,
		refresh: routeTableStatus(c, id)}).wait()
	return id, err
}

func routeTableStatus(c *ec2.Client, id string) refreshFunc {
	return func() (interface{}, string, error) {
		rt, err := findRouteTableByID(c, id)
		if isNotFound(err) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		return rt, "ready", nil
	}
}

func routeTableRead(c *ec2.Client, id string) (state, error) {
	rt, err := findRouteTableByID(c, id)
	if err != nil {
		return nil, fmt.Errorf("reading Route Table (%s): %w", id, err)
	}
	st := state{"arn": fmt.Sprintf("arn:aws:ec2:%s:%s:route-table/%s", region, str(rt.OwnerId), id), "owner_id": str(rt.OwnerId), "vpc_id": str(rt.VpcId)}
	var vgws, routes []string
	for _, v := range rt.PropagatingVgws {
		vgws = append(vgws, str(v.GatewayId))
	}
	// flattenRoutes leaves out the local route, propagated routes, and the prefix-list routes that gateway
	// endpoints add (those belong to aws_vpc_endpoint): without that, every endpoint would be drift.
	for _, r := range rt.Routes {
		gw := str(r.GatewayId)
		if gw == "local" || r.Origin == types.RouteOriginEnableVgwRoutePropagation {
			continue
		}
		if r.DestinationPrefixListId != nil && strings.HasPrefix(gw, "vpce-") {
			continue
		}
		routes = append(routes, str(r.DestinationCidrBlock)+str(r.DestinationPrefixListId)+"→"+gw+str(r.NatGatewayId))
	}
	st["propagating_vgws"] = list(vgws)
	st["route"] = list(routes)
	tagState(st, rt.Tags)
	return st, nil
}

func routeTableDelete(c *ec2.Client, id string) error {
	rt, err := findRouteTableByID(c, id)
	if err != nil {
		return fmt.Errorf("reading Route Table (%s): %w", id, err)
	}
	for _, a := range rt.Associations {
		if err := routeTableAssociationDelete(c, str(a.RouteTableAssociationId)); err != nil {
			return err
		}
	}
	_, err = c.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(id)})
	if code(err) == "InvalidRouteTableID.NotFound" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting Route Table (%s): %w", id, err)
	}
	_, err = (waitConf{what: "waiting for Route Table (" + id + ") delete", pending: []string{"ready"}, continuousTargetOccurence: 2,
		refresh: routeTableStatus(c, id)}).wait()
	return err
}

// ---------------------------------------------------------------- aws_route_table_association

func routeTableAssociationStatus(c *ec2.Client, id string) refreshFunc {
	return func() (interface{}, string, error) {
		a, err := findRouteTableAssociationByID(c, id)
		if isNotFound(err) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		return a, string(a.AssociationState.State), nil
	}
}

func routeTableAssociationCreate(c *ec2.Client, subnetID, routeTableID string) (string, error) {
	out, err := retryOnCode(func() (interface{}, error) {
		return c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(routeTableID), SubnetId: aws.String(subnetID)})
	}, "InvalidRouteTableID.NotFound")
	if err != nil {
		return "", fmt.Errorf("creating Route Table (%s) Association: %w", routeTableID, err)
	}
	id := str(out.(*ec2.AssociateRouteTableOutput).AssociationId)
	_, err = (waitConf{what: "waiting for Route Table Association (" + id + ") create", pending: []string{"associating"}, target: []string{"associated"},
		notFoundChecks: 40, refresh: routeTableAssociationStatus(c, id)}).wait()
	return id, err
}

func routeTableAssociationRead(c *ec2.Client, id string) (state, error) {
	a, err := findRouteTableAssociationByID(c, id)
	if err != nil {
		return nil, fmt.Errorf("reading Route Table Association (%s): %w", id, err)
	}
	return state{"gateway_id": str(a.GatewayId), "route_table_id": str(a.RouteTableId), "subnet_id": str(a.SubnetId)}, nil
}

// routeTableAssociationUpdate: a changed route_table_id is ReplaceRouteTableAssociation, and the resource's id
// becomes the new association id.
func routeTableAssociationUpdate(c *ec2.Client, id, routeTableID string) (string, error) {
	out, err := c.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: aws.String(id), RouteTableId: aws.String(routeTableID)})
	if err != nil {
		return id, fmt.Errorf("updating Route Table Association (%s): %w", id, err)
	}
	newID := str(out.NewAssociationId)
	_, err = (waitConf{what: "waiting for Route Table Association (" + newID + ") update", pending: []string{"associating"}, target: []string{"associated"},
		refresh: routeTableAssociationStatus(c, newID)}).wait()
	return newID, err
}

func routeTableAssociationDelete(c *ec2.Client, id string) error {
	_, err := c.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(id)})
	if code(err) == "InvalidAssociationID.NotFound" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting Route Table Association (%s): %w", id, err)
	}
	_, err = (waitConf{what: "waiting for Route Table Association (" + id + ") delete", pending: []string{"disassociating", "associated"},
		refresh: routeTableAssociationStatus(c, id)}).wait()
	return err
}

// ---------------------------------------------------------------- aws_security_group (vpc_security_group.go)

type sgRule struct {
	protocol         string
	fromPort, toPort int32
	cidrs            []string
}

type sgConfig struct {
	name, description, vpcID string
	ingress, egress          []sgRule
	tags                     map[string]string
}

func sgCreate(c *ec2.Client, cfg sgConfig) (string, error) {
	out, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(cfg.name), TagSpecifications: tagSpec(types.ResourceTypeSecurityGroup, cfg.tags),
		Description: aws.String(cfg.description), VpcId: aws.String(cfg.vpcID),
	})
	if err != nil {
		return "", fmt.Errorf("creating Security Group (%s): %w", cfg.name, err)
	}
	id := str(out.GroupId)
	if _, err := (waitConf{what: "waiting for Security Group (" + id + ") create", target: []string{"exists"}, notFoundChecks: 40,
		refresh: func() (interface{}, string, error) {
			g, err := findSecurityGroupByID(c, id)
			if isNotFound(err) {
				return nil, "", nil
			}
			if err != nil {
				return nil, "", err
			}
			return g, "exists", nil
		}}).wait(); err != nil {
		return id, err
	}
	// The provider revokes AWS's default allow-all egress (IPv4, then IPv6) and then authorizes exactly
	// the configured rules.
	allV4 := types.IpPermission{FromPort: aws.Int32(0), ToPort: aws.Int32(0), IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}
	if _, err := c.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: []types.IpPermission{allV4}}); err != nil {
		return id, fmt.Errorf("revoking default IPv4 egress rule for Security Group (%s): RevokeSecurityGroupEgress IpProtocol=-1 FromPort=0 ToPort=0 CidrIp=0.0.0.0/0: %w", id, err)
	}
	allV6 := types.IpPermission{FromPort: aws.Int32(0), ToPort: aws.Int32(0), IpProtocol: aws.String("-1"), Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("::/0")}}}
	if _, err := c.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: []types.IpPermission{allV6}}); err != nil {
		// An IPv4-only group has no such rule: the provider accepts InvalidPermission.NotFound, or
		// InvalidParameterValue mentioning remote-ipv6-range, and nothing else.
		if !(code(err) == "InvalidPermission.NotFound" || (code(err) == "InvalidParameterValue" && strings.Contains(err.Error(), "remote-ipv6-range"))) {
			return id, fmt.Errorf("revoking default IPv6 egress rule for Security Group (%s): %w", id, err)
		}
	}
	return id, sgUpdateRules(c, id, nil, cfg)
}

func ipPermissions(rules []sgRule) []types.IpPermission {
	var perms []types.IpPermission
	for _, r := range rules {
		p := types.IpPermission{IpProtocol: aws.String(r.protocol)}
		if r.protocol != "-1" {
			p.FromPort, p.ToPort = aws.Int32(r.fromPort), aws.Int32(r.toPort)
		}
		for _, cidr := range r.cidrs {
			p.IpRanges = append(p.IpRanges, types.IpRange{CidrIp: aws.String(cidr)})
		}
		perms = append(perms, p)
	}
	return perms
}

// sgUpdateRules: the rules that left the configuration are revoked, then the new ones are authorized.
func sgUpdateRules(c *ec2.Client, id string, old *sgConfig, cfg sgConfig) error {
	for _, kind := range []string{"ingress", "egress"} {
		var before, after []sgRule
		if kind == "ingress" {
			after = cfg.ingress
			if old != nil {
				before = old.ingress
			}
		} else {
			after = cfg.egress
			if old != nil {
				before = old.egress
			}
		}
		del, add := ruleDiff(before, after), ruleDiff(after, before)
		var err error
		if len(del) > 0 {
			if kind == "egress" {
				_, err = c.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: ipPermissions(del)})
			} else {
				_, err = c.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(id), IpPermissions: ipPermissions(del)})
			}
			if err != nil {
				return fmt.Errorf("revoking Security Group (%s) rules: %w", kind, err)
			}
		}
		if len(add) > 0 {
			if kind == "egress" {
				_, err = c.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: ipPermissions(add)})
			} else {
				_, err = c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(id), IpPermissions: ipPermissions(add)})
			}
			if err != nil {
				return fmt.Errorf("authorizing Security Group (%s) rules: %w", kind, err)
			}
		}
	}
	return nil
}

func ruleKey(r sgRule) string {
	return fmt.Sprintf("%s/%d-%d/%s", r.protocol, r.fromPort, r.toPort, list(r.cidrs))
}

func ruleDiff(a, b []sgRule) []sgRule {
	keys := map[string]bool{}
	for _, r := range b {
		keys[ruleKey(r)] = true
	}
	var out []sgRule
	for _, r := range a {
		if !keys[ruleKey(r)] {
			out = append(out, r)
		}
	}
	return out
}

// gatherRules follows securityGroupIPPermGather: one rule per protocol/ports, CIDRs collected; a rule with
// protocol -1 has ports 0-0 in state whatever the answer carries.
func gatherRules(perms []types.IpPermission) string {
	var rules []string
	for _, p := range perms {
		proto := str(p.IpProtocol)
		from, to := aws.ToInt32(p.FromPort), aws.ToInt32(p.ToPort)
		if proto == "-1" {
			from, to = 0, 0
		}
		var cidrs []string
		for _, r := range p.IpRanges {
			cidrs = append(cidrs, str(r.CidrIp))
		}
		for _, r := range p.Ipv6Ranges {
			cidrs = append(cidrs, str(r.CidrIpv6))
		}
		for _, r := range p.PrefixListIds {
			cidrs = append(cidrs, str(r.PrefixListId))
		}
		for _, g := range p.UserIdGroupPairs {
			cidrs = append(cidrs, str(g.GroupId))
		}
		rules = append(rules, fmt.Sprintf("%s/%d-%d/%s", proto, from, to, list(cidrs)))
	}
	return list(rules)
}

func sgRead(c *ec2.Client, id string) (state, error) {
	g, err := findSecurityGroupByID(c, id)
	if err != nil {
		return nil, fmt.Errorf("reading Security Group (%s): %w", id, err)
	}
	st := state{
		"arn":         fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", region, str(g.OwnerId), id),
		"description": str(g.Description), "name": str(g.GroupName), "owner_id": str(g.OwnerId), "vpc_id": str(g.VpcId),
		"ingress": gatherRules(g.IpPermissions), "egress": gatherRules(g.IpPermissionsEgress),
	}
	tagState(st, g.Tags)
	return st, nil
}

func sgDelete(c *ec2.Client, id string) error {
	if err := lingeringENIs(c, "group-id", id); err != nil {
		return err
	}
	_, err := retryOnCode(func() (interface{}, error) { return c.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)}) },
		"DependencyViolation", "InvalidGroup.InUse")
	if code(err) == "InvalidGroup.NotFound" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting Security Group (%s): %w", id, err)
	}
	return retryUntilNotFound("waiting for Security Group ("+id+") delete", func() error {
		_, err := findSecurityGroupByID(c, id)
		return err
	})
}

// ---------------------------------------------------------------- aws_vpc_endpoint (vpc_endpoint.go)

type endpointConfig struct {
	vpcID, serviceName, endpointType string
	privateDNSEnabled                bool
	routeTableIDs, subnetIDs, sgIDs  []string
	policy                           string
	tags                             map[string]string
}

var clientTokens = 0

func endpointStatus(c *ec2.Client, id string) refreshFunc {
	return func() (interface{}, string, error) {
		e, err := findVPCEndpointByID(c, id)
		if isNotFound(err) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		return e, strings.ToLower(string(e.State)), nil
	}
}

func endpointWaitAvailable(c *ec2.Client, id, what string) error {
	_, err := (waitConf{what: "waiting for EC2 VPC Endpoint (" + id + ") " + what, pending: []string{"pending"}, target: []string{"available", "pendingacceptance"},
		refresh: endpointStatus(c, id)}).wait()
	return err
}

func endpointCreate(c *ec2.Client, cfg endpointConfig) (string, error) {
	clientTokens++
	in := &ec2.CreateVpcEndpointInput{
		ClientToken:       aws.String(fmt.Sprintf("terraform-%d-%d", time.Now().UnixNano(), clientTokens)),
		PrivateDnsEnabled: aws.Bool(cfg.privateDNSEnabled), // d.Get: false when unset, so gateways send false
		TagSpecifications: tagSpec(types.ResourceTypeVpcEndpoint, cfg.tags),
		VpcEndpointType:   types.VpcEndpointType(cfg.endpointType),
		VpcId:             aws.String(cfg.vpcID),
		ServiceName:       aws.String(cfg.serviceName),
	}
	if cfg.policy != "" {
		in.PolicyDocument = aws.String(cfg.policy)
	}
	if len(cfg.routeTableIDs) > 0 {
		in.RouteTableIds = cfg.routeTableIDs
	}
	if len(cfg.sgIDs) > 0 {
		in.SecurityGroupIds = cfg.sgIDs
	}
	if len(cfg.subnetIDs) > 0 {
		in.SubnetIds = cfg.subnetIDs
	}
	out, err := c.CreateVpcEndpoint(ctx, in)
	if err != nil {
		return "", fmt.Errorf("creating EC2 VPC Endpoint (%s): CreateVpcEndpoint Type=%s PrivateDnsEnabled=%v: %w", cfg.serviceName, cfg.endpointType, cfg.privateDNSEnabled, err)
	}
	id := str(out.VpcEndpoint.VpcEndpointId)
	return id, endpointWaitAvailable(c, id, "create")
}

func endpointRead(c *ec2.Client, id string, configuredPolicy string) (state, error) {
	e, err := findVPCEndpointByID(c, id)
	if err != nil {
		return nil, fmt.Errorf("reading VPC Endpoint (%s): %w", id, err)
	}
	var dns, groups []string
	for _, d := range e.DnsEntries {
		dns = append(dns, str(d.DnsName)+"@"+str(d.HostedZoneId))
	}
	for _, g := range e.Groups {
		groups = append(groups, str(g.GroupId))
	}
	st := state{
		"arn": fmt.Sprintf("arn:aws:ec2:%s:%s:vpc-endpoint/%s", region, str(e.OwnerId), id), "dns_entry": list(dns),
		"network_interface_ids": list(e.NetworkInterfaceIds), "owner_id": str(e.OwnerId), "private_dns_enabled": boolean(e.PrivateDnsEnabled),
		"requester_managed": boolean(e.RequesterManaged), "route_table_ids": list(e.RouteTableIds), "security_group_ids": list(groups),
		"state": string(e.State), "subnet_ids": list(e.SubnetIds), "vpc_endpoint_type": string(e.VpcEndpointType), "vpc_id": str(e.VpcId),
		"ip_address_type": string(e.IpAddressType), "service_name": str(e.ServiceName),
	}
	if st["vpc_endpoint_type"] == "" {
		st["vpc_endpoint_type"] = "Gateway"
	}
	if e.DnsOptions != nil {
		st["dns_options.dns_record_ip_type"] = string(e.DnsOptions.DnsRecordIpType)
	}
	if e.ServiceName != nil {
		pl, err := findPrefixList(c, &ec2.DescribePrefixListsInput{Filters: attrFilters("prefix-list-name", str(e.ServiceName))})
		switch {
		case isNotFound(err):
			st["cidr_blocks"] = ""
		case err != nil:
			return nil, fmt.Errorf("reading EC2 Prefix List (%s): %w", str(e.ServiceName), err)
		default:
			st["cidr_blocks"] = list(pl.Cidrs)
			st["prefix_list_id"] = str(pl.PrefixListId)
		}
	}
	// subnet_configuration: each endpoint interface read on its own.
	var configs []string
	for _, eni := range e.NetworkInterfaceIds {
		n, err := findNetworkInterfaceByID(c, eni)
		if err != nil {
			return nil, fmt.Errorf("reading VPC Endpoint (%s) subnet configurations: %w", id, err)
		}
		configs = append(configs, str(n.SubnetId)+"="+str(n.PrivateIpAddress))
	}
	st["subnet_configuration"] = list(configs)
	policy, err := equivalentPolicy(configuredPolicy, str(e.PolicyDocument))
	if err != nil {
		return nil, fmt.Errorf("VPC Endpoint (%s) policy: %w", id, err)
	}
	st["policy"] = policy
	tagState(st, e.Tags)
	return st, nil
}

// equivalentPolicy follows verify.SecondJSONUnlessEquivalent + NormalizeJsonString: the configured text is
// kept when the stored policy means the same, otherwise the stored one (normalized) is taken.
func equivalentPolicy(configured, stored string) (string, error) {
	if stored == "" {
		return "", nil
	}
	var a, b interface{}
	if err := json.Unmarshal([]byte(stored), &b); err != nil {
		return "", fmt.Errorf("stored policy is not JSON: %v", err)
	}
	if configured != "" && json.Unmarshal([]byte(configured), &a) == nil {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) == string(jb) {
			return string(ja), nil
		}
	}
	jb, _ := json.Marshal(b)
	return string(jb), nil
}

// endpointUpdate: one ModifyVpcEndpoint carrying the policy (when it changed) and the route tables added and
// removed, then a wait for "available".
func endpointUpdate(c *ec2.Client, id string, old, cfg endpointConfig) error {
	in := &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id)}
	in.AddRouteTableIds, in.RemoveRouteTableIds = setDiff(cfg.routeTableIDs, old.routeTableIDs), setDiff(old.routeTableIDs, cfg.routeTableIDs)
	in.AddSecurityGroupIds, in.RemoveSecurityGroupIds = setDiff(cfg.sgIDs, old.sgIDs), setDiff(old.sgIDs, cfg.sgIDs)
	in.AddSubnetIds, in.RemoveSubnetIds = setDiff(cfg.subnetIDs, old.subnetIDs), setDiff(old.subnetIDs, cfg.subnetIDs)
	if cfg.policy != old.policy {
		if cfg.policy == "" {
			in.ResetPolicy = aws.Bool(true)
		} else {
			in.PolicyDocument = aws.String(cfg.policy)
		}
	}
	if _, err := c.ModifyVpcEndpoint(ctx, in); err != nil {
		return fmt.Errorf("updating EC2 VPC Endpoint (%s): %w", id, err)
	}
	return endpointWaitAvailable(c, id, "update")
}

func setDiff(a, b []string) []string {
	var out []string
	for _, v := range a {
		if !in(v, b) {
			out = append(out, v)
		}
	}
	return out
}

func endpointDelete(c *ec2.Client, id string) error {
	out, err := c.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err == nil {
		for _, u := range out.Unsuccessful {
			if u.Error != nil && str(u.Error.Code) == "InvalidVpcEndpoint.NotFound" {
				return nil
			}
			return fmt.Errorf("deleting EC2 VPC Endpoint (%s): Unsuccessful %s: %s: %s", id, str(u.ResourceId), str(u.Error.Code), str(u.Error.Message))
		}
	}
	if code(err) == "InvalidVpcEndpoint.NotFound" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting EC2 VPC Endpoint (%s): %w", id, err)
	}
	_, err = (waitConf{what: "waiting for EC2 VPC Endpoint (" + id + ") delete", pending: []string{"deleting", "deleted"}, refresh: endpointStatus(c, id)}).wait()
	return err
}

// retryOnCode follows tfresource.RetryWhenAWSErrCodeEquals (eventual-consistency retries on named codes).
func retryOnCode(call func() (interface{}, error), codes ...string) (interface{}, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := call()
		if err == nil || !in(code(err), codes) || time.Now().After(deadline) {
			return out, err
		}
		time.Sleep(200 * time.Millisecond)
	}
}
