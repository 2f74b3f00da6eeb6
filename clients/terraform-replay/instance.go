package main

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// ---------------------------------------------------------------- aws_instance (ec2_instance.go)

// instanceConfig is the aws_instance configuration replayed: ami, instance_type, subnet_id,
// vpc_security_group_ids, iam_instance_profile and tags; every other argument is left to its default.
type instanceConfig struct {
	ami, instanceType, subnetID, profile string
	sgIDs                                []string
	tags                                 map[string]string
}

var instanceClientTokens = 0

// instanceCreate sends RunInstances as buildInstanceOpts assembles it for that configuration: the booleans the
// schema defaults are sent as false (DisableApiTermination, EbsOptimized, Monitoring, HibernationOptions), the
// placement carries the unset availability_zone as an empty string, a t3 type asks for unlimited CPU credits,
// and the profile goes by name. RunInstances is retried while EC2 does not yet know the instance profile or its
// role (IAM propagation); then the instance is waited for until running.
func instanceCreate(c *ec2.Client, cfg instanceConfig) (string, error) {
	instanceClientTokens++
	in := &ec2.RunInstancesInput{
		ClientToken:           aws.String(fmt.Sprintf("terraform-%d-%d", time.Now().UnixNano(), instanceClientTokens)),
		DisableApiTermination: aws.Bool(false),
		EbsOptimized:          aws.Bool(false),
		HibernationOptions:    &types.HibernationOptionsRequest{Configured: aws.Bool(false)},
		ImageId:               aws.String(cfg.ami),
		InstanceType:          types.InstanceType(cfg.instanceType),
		MaxCount:              aws.Int32(1),
		MinCount:              aws.Int32(1),
		Monitoring:            &types.RunInstancesMonitoringEnabled{Enabled: aws.Bool(false)},
		Placement:             &types.Placement{AvailabilityZone: aws.String("")},
		SubnetId:              aws.String(cfg.subnetID),
		SecurityGroupIds:      cfg.sgIDs,
		TagSpecifications:     tagSpec(types.ResourceTypeInstance, cfg.tags),
	}
	if strings.HasPrefix(cfg.instanceType, "t3") {
		in.CreditSpecification = &types.CreditSpecificationRequest{CpuCredits: aws.String("unlimited")}
	}
	if cfg.profile != "" {
		in.IamInstanceProfile = &types.IamInstanceProfileSpecification{Name: aws.String(cfg.profile)}
	}
	var out *ec2.RunInstancesOutput
	err := retryIAM("creating EC2 Instance", func() (err error) { out, err = c.RunInstances(ctx, in); return err },
		anyOf(codeWith("InvalidParameterValue", "Invalid IAM Instance Profile"), codeWith("InvalidParameterValue", " has no associated IAM Roles")))
	if err != nil {
		return "", fmt.Errorf("creating EC2 Instance: RunInstances IamInstanceProfile.Name=%s: %w", cfg.profile, err)
	}
	if len(out.Instances) != 1 {
		return "", fmt.Errorf("RunInstances MinCount=MaxCount=1 answered %d instances", len(out.Instances))
	}
	id := str(out.Instances[0].InstanceId)
	_, err = (waitConf{what: "waiting for EC2 Instance (" + id + ") create", pending: []string{"pending"}, target: []string{"running"},
		refresh: instanceStatus(c, id)}).wait()
	return id, err
}

// instanceStatus reads the instance without treating "terminated" as gone (statusInstance).
func instanceStatus(c *ec2.Client, id string) refreshFunc {
	return func() (interface{}, string, error) {
		i, err := findInstance(c, id)
		if isNotFound(err) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		return i, string(i.State.Name), nil
	}
}

func findInstance(c *ec2.Client, id string) (*types.Instance, error) {
	var out []types.Instance
	pages := ec2.NewDescribeInstancesPaginator(c, &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidInstanceID.NotFound"); err != nil {
			return nil, err
		}
		for _, r := range page.Reservations {
			for _, i := range r.Instances {
				if i.State != nil {
					out = append(out, i)
				}
			}
		}
	}
	if err := single(len(out), "DescribeInstances"); err != nil {
		return nil, err
	}
	return &out[0], nil
}

// findInstanceByID: a terminated instance counts as not found.
func findInstanceByID(c *ec2.Client, id string) (*types.Instance, error) {
	i, err := findInstance(c, id)
	if err != nil {
		return nil, err
	}
	if i.State.Name == types.InstanceStateNameTerminated {
		return nil, fmt.Errorf("%w (terminated)", errNotFound)
	}
	if str(i.InstanceId) != id {
		return nil, fmt.Errorf("%w (DescribeInstances %s answered %s)", errNotFound, id, str(i.InstanceId))
	}
	return i, nil
}

func findInstanceTypeByName(c *ec2.Client, name string) (*types.InstanceTypeInfo, error) {
	var out []types.InstanceTypeInfo
	pages := ec2.NewDescribeInstanceTypesPaginator(c, &ec2.DescribeInstanceTypesInput{InstanceTypes: []types.InstanceType{types.InstanceType(name)}})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.InstanceTypes...)
	}
	if err := single(len(out), "DescribeInstanceTypes "+name); err != nil {
		return nil, err
	}
	return &out[0], nil
}

func instanceAttribute(c *ec2.Client, id string, attr types.InstanceAttributeName) (*ec2.DescribeInstanceAttributeOutput, error) {
	out, err := c.DescribeInstanceAttribute(ctx, &ec2.DescribeInstanceAttributeInput{InstanceId: aws.String(id), Attribute: attr})
	if err != nil {
		return nil, fmt.Errorf("getting attribute (%s): %w", attr, err)
	}
	return out, nil
}

// instanceRead follows resourceInstanceRead for this configuration: DescribeInstances, DescribeInstanceTypes
// (whether the type is burstable), the launch-template tag through DescribeTags, the VPC (default or not,
// which decides between group ids and names), the instance attributes one DescribeInstanceAttribute each (the
// provider dereferences DisableApiStop and DisableApiTermination unconditionally), the volumes of any EBS
// mappings, and for a burstable type its credit specification.
func instanceRead(c *ec2.Client, id string) (state, error) {
	i, err := findInstanceByID(c, id)
	if err != nil {
		return nil, fmt.Errorf("reading EC2 Instance (%s): %w", id, err)
	}
	typeInfo, err := findInstanceTypeByName(c, string(i.InstanceType))
	if err != nil {
		return nil, fmt.Errorf("reading EC2 Instance Type (%s): %w", i.InstanceType, err)
	}
	st := state{
		"instance_state": string(i.State.Name), "ami": str(i.ImageId), "instance_type": string(i.InstanceType), "key_name": str(i.KeyName),
		"public_dns": str(i.PublicDnsName), "public_ip": str(i.PublicIpAddress), "private_dns": str(i.PrivateDnsName),
		"private_ip": str(i.PrivateIpAddress), "outpost_arn": str(i.OutpostArn), "ebs_optimized": boolean(i.EbsOptimized),
		"arn": fmt.Sprintf("arn:aws:ec2:%s:%s:instance/%s", region, accountID, id),
	}
	if p := i.Placement; p != nil {
		st["availability_zone"], st["placement_group"], st["host_id"], st["tenancy"] = str(p.AvailabilityZone), str(p.GroupName), str(p.HostId), string(p.Tenancy)
	}
	if o := i.HibernationOptions; o != nil {
		st["hibernation"] = boolean(o.Configured)
	}
	if o := i.EnclaveOptions; o != nil {
		st["enclave_options.enabled"] = boolean(o.Enabled)
	}
	if o := i.PrivateDnsNameOptions; o != nil {
		st["private_dns_name_options"] = fmt.Sprintf("%s/%v/%v", o.HostnameType, aws.ToBool(o.EnableResourceNameDnsARecord), aws.ToBool(o.EnableResourceNameDnsAAAARecord))
	}
	if o := i.CapacityReservationSpecification; o != nil {
		st["capacity_reservation_preference"] = string(o.CapacityReservationPreference)
	}
	if i.IamInstanceProfile != nil && i.IamInstanceProfile.Arn != nil {
		name, err := instanceProfileARNToName(str(i.IamInstanceProfile.Arn))
		if err != nil {
			return nil, fmt.Errorf("setting iam_instance_profile: %w", err)
		}
		st["iam_instance_profile"] = name
	}
	// The launch template the instance came from, if any, is read from its aws:ec2launchtemplate:id tag.
	tagsOut, err := c.DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: attrFilters("resource-id", id, "key", "aws:ec2launchtemplate:id")})
	if err != nil {
		return nil, fmt.Errorf("reading EC2 Instance (%s) launch template ID tag: %w", id, err)
	}
	if len(tagsOut.Tags) > 0 {
		return nil, fmt.Errorf("instance %s carries an aws:ec2launchtemplate:id tag but was launched without a template", id)
	}
	var secondary []string
	for _, n := range i.NetworkInterfaces {
		if n.Attachment == nil || aws.ToInt32(n.Attachment.DeviceIndex) != 0 {
			continue
		}
		st["subnet_id"], st["primary_network_interface_id"] = str(n.SubnetId), str(n.NetworkInterfaceId)
		st["ipv6_address_count"] = fmt.Sprint(len(n.Ipv6Addresses))
		st["associate_public_ip_address"] = fmt.Sprint(n.Association != nil)
		for _, a := range n.PrivateIpAddresses {
			if !aws.ToBool(a.Primary) {
				secondary = append(secondary, str(a.PrivateIpAddress))
			}
		}
	}
	if st["primary_network_interface_id"] == "" {
		return nil, fmt.Errorf("instance %s has no network interface at device index 0 (the provider reads subnet_id from it)", id)
	}
	st["secondary_private_ips"] = list(secondary)
	if str(i.SubnetId) != "" {
		st["source_dest_check"] = boolean(i.SourceDestCheck)
	}
	if i.Monitoring != nil && i.Monitoring.State != "" {
		st["monitoring"] = fmt.Sprint(i.Monitoring.State == types.MonitoringStateEnabled || i.Monitoring.State == types.MonitoringStatePending)
	}
	tagState(st, i.Tags)
	// readSecurityGroups: in a VPC that is not the default one, the groups are stored by id.
	useName := false
	if vpcID := str(i.VpcId); vpcID != "" {
		if v, err := findVPC(c, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}}); err == nil {
			useName = aws.ToBool(v.IsDefault)
		} else {
			warn("reading EC2 Instance (%s) VPC (%s): %v", id, vpcID, err)
		}
	}
	var groupIDs, groupNames []string
	for _, g := range i.SecurityGroups {
		groupIDs = append(groupIDs, str(g.GroupId))
		groupNames = append(groupNames, str(g.GroupName))
	}
	st["vpc_security_group_ids"] = list(groupIDs)
	if useName {
		st["security_groups"] = list(groupNames)
	}
	shutdown, err := instanceAttribute(c, id, types.InstanceAttributeNameInstanceInitiatedShutdownBehavior)
	if err != nil {
		return nil, fmt.Errorf("reading EC2 Instance (%s): %w", id, err)
	}
	if shutdown.InstanceInitiatedShutdownBehavior != nil {
		st["instance_initiated_shutdown_behavior"] = str(shutdown.InstanceInitiatedShutdownBehavior.Value)
	}
	if err := readBlockDevices(c, i, st); err != nil {
		return nil, fmt.Errorf("reading EC2 Instance (%s): %w", id, err)
	}
	for _, a := range []struct {
		attr types.InstanceAttributeName
		key  string
		get  func(*ec2.DescribeInstanceAttributeOutput) *types.AttributeBooleanValue
	}{
		{types.InstanceAttributeNameDisableApiStop, "disable_api_stop", func(o *ec2.DescribeInstanceAttributeOutput) *types.AttributeBooleanValue { return o.DisableApiStop }},
		{types.InstanceAttributeNameDisableApiTermination, "disable_api_termination", func(o *ec2.DescribeInstanceAttributeOutput) *types.AttributeBooleanValue {
			return o.DisableApiTermination
		}},
	} {
		out, err := instanceAttribute(c, id, a.attr)
		if err != nil {
			return nil, err
		}
		if a.get(out) == nil {
			return nil, fmt.Errorf("DescribeInstanceAttribute %s answered no %s element (the provider dereferences it and would crash)", a.attr, a.attr)
		}
		st[a.key] = boolean(a.get(out).Value)
	}
	userData, err := instanceAttribute(c, id, types.InstanceAttributeNameUserData)
	if err != nil {
		return nil, err
	}
	if userData.UserData != nil && userData.UserData.Value != nil {
		st["user_data"] = str(userData.UserData.Value)
	}
	if aws.ToBool(typeInfo.BurstablePerformanceSupported) {
		credits, err := findInstanceCreditSpecificationByID(c, id)
		if code(err) == "UnsupportedOperation" {
			err = nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading EC2 Instance (%s) credit specification: %w", id, err)
		}
		if credits != nil {
			st["credit_specification.cpu_credits"] = str(credits.CpuCredits)
		}
	}
	return st, nil
}

func findInstanceCreditSpecificationByID(c *ec2.Client, id string) (*types.InstanceCreditSpecification, error) {
	var out []types.InstanceCreditSpecification
	pages := ec2.NewDescribeInstanceCreditSpecificationsPaginator(c, &ec2.DescribeInstanceCreditSpecificationsInput{InstanceIds: []string{id}})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "InvalidInstanceID.NotFound"); err != nil {
			return nil, err
		}
		out = append(out, page.InstanceCreditSpecifications...)
	}
	if err := single(len(out), "DescribeInstanceCreditSpecifications"); err != nil {
		return nil, err
	}
	if str(out[0].InstanceId) != id {
		return nil, fmt.Errorf("%w (credit specification of %s answered for %s)", errNotFound, id, str(out[0].InstanceId))
	}
	return &out[0], nil
}

// readBlockDevices: the EBS mappings' volumes are described (size, type, encryption); an instance without
// EBS mappings needs no call.
func readBlockDevices(c *ec2.Client, i *types.Instance, st state) error {
	var volumeIDs []string
	for _, m := range i.BlockDeviceMappings {
		if m.Ebs != nil {
			volumeIDs = append(volumeIDs, str(m.Ebs.VolumeId))
		}
	}
	if len(volumeIDs) == 0 {
		return nil
	}
	out, err := c.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: volumeIDs})
	if err != nil {
		return fmt.Errorf("reading block devices: %w", err)
	}
	var vols []string
	for _, v := range out.Volumes {
		vols = append(vols, fmt.Sprintf("%s/%d/%s", str(v.VolumeId), aws.ToInt32(v.Size), v.VolumeType))
	}
	sort.Strings(vols)
	st["block_devices"] = strings.Join(vols, ",")
	return nil
}

// instanceProfileARNToName: arn:aws:iam::<account>:instance-profile[/path]/<name> → <name>.
func instanceProfileARNToName(s string) (string, error) {
	a, err := arn.Parse(s)
	if err != nil {
		return "", fmt.Errorf("parsing ARN (%s): %w", s, err)
	}
	parts := strings.Split(a.Resource, "/")
	if a.Service != "iam" || len(parts) < 2 || parts[0] != "instance-profile" {
		return "", fmt.Errorf("%s is not an instance profile ARN", s)
	}
	return parts[len(parts)-1], nil
}

// instanceUpdateTags: tags removed are deleted and tags added or changed created (updateTags).
func instanceUpdateTags(c *ec2.Client, id string, old, tags map[string]string) error {
	var removed []types.Tag
	for k := range old {
		if _, ok := tags[k]; !ok {
			removed = append(removed, types.Tag{Key: aws.String(k)})
		}
	}
	var changed []types.Tag
	for k, v := range tags {
		if ov, ok := old[k]; !ok || ov != v {
			changed = append(changed, types.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
	}
	if len(removed) > 0 {
		if _, err := c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: removed}); err != nil {
			return fmt.Errorf("untagging EC2 Instance (%s): %w", id, err)
		}
	}
	if len(changed) > 0 {
		if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: changed}); err != nil {
			return fmt.Errorf("tagging EC2 Instance (%s): %w", id, err)
		}
	}
	return nil
}

// instanceDelete: API termination protection is turned off first (a failure is only logged), then
// TerminateInstances (InvalidInstanceID.NotFound means gone) and a wait until the instance is terminated.
func instanceDelete(c *ec2.Client, id string) error {
	if _, err := c.ModifyInstanceAttribute(ctx, &ec2.ModifyInstanceAttributeInput{InstanceId: aws.String(id),
		DisableApiTermination: &types.AttributeBooleanValue{Value: aws.Bool(false)}}); err != nil {
		// The provider only logs this. AWS accepts it for an instance that is not yet terminated, so there it
		// counts; for one already terminated (a second delete) or gone, AWS refuses it too.
		if c := code(err); c == "IncorrectInstanceState" || c == "InvalidInstanceID.NotFound" {
			warn("attempting to terminate EC2 Instance (%s) despite error disabling API termination: %v", id, err)
		} else {
			mismatch("attempting to terminate EC2 Instance (%s) despite error disabling API termination: %v", id, err)
		}
	}
	_, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}})
	if code(err) == "InvalidInstanceID.NotFound" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("terminating EC2 Instance (%s): %w", id, err)
	}
	_, err = (waitConf{what: "waiting for EC2 Instance (" + id + ") delete", pending: []string{"pending", "running", "shutting-down", "stopping", "stopped"},
		target: []string{"terminated"}, refresh: instanceStatus(c, id)}).wait()
	return err
}
