// A replay of the calls the Terraform AWS provider makes for an endpoint network, written with the SDK family
// the provider itself uses (aws-sdk-go-v2, Debian's golang-github-aws-aws-sdk-go-v2-dev 1.17.1), so that
// every answer is decoded by the same code as in the provider.
//
// Provider version followed: hashicorp/terraform-provider-aws, v6 line (vpc_endpoint.go is newer than
// v6.12.0: it carries @Testing(preIdentityVersion="v6.12.0")). Files read, internal/service/ec2/ at:
//
//	vpc_.go 00081ce41cc6, vpc_subnet.go 00cda125a19d, vpc_route_table.go 022092419b7c,
//	vpc_security_group.go 01606926a0c0, vpc_endpoint.go 008db85aad5e, vpc_endpoint_service_data_source.go
//	0620f2a6a126, vpc_prefix_list_data_source.go, findv2.go 011a8eed43ed, find.go, wait.go, status.go,
//	errors.go (the not-found codes).
//
// The call sequence (parameters sent on create, waits and the states they accept, fields read and stored,
// not-found codes after delete) was derived from those files and written here from scratch; no provider code
// is copied. Waits keep the provider's pending/target states but poll every 100 ms instead of 5–10 s.
//
// Configuration replayed (what a user's .tf would say), with provider endpoints {ec2, sts, iam} set to
// LOCALVPC_ENDPOINT and no skip_* settings:
//
//	aws_vpc (enable_dns_hostnames = true), two aws_subnet in two zones, aws_route_table +
//	two aws_route_table_association, aws_security_group (ingress 443 from the VPC, egress all),
//	aws_vpc_endpoint Gateway s3 (route_table_ids) and Interface sqs (subnet_ids, security_group_ids,
//	private_dns_enabled = true); data sources aws_vpc_endpoint_service and aws_prefix_list.
//
// Then a change (apply #2): a policy and a second route table on the S3 endpoint, association b moved to the
// main route table, enable_resource_name_dns_a_record_on_launch on subnet b; then refresh twice (no drift),
// destroy in dependency order, and the not-found answers the provider relies on afterwards.
//
// Identity (issue 13), from internal/service/iam/ and internal/service/ec2/. The source index names a commit
// only for one stored version of each file, an older (v4, SDK v1) one; the newer texts it also holds come
// without a commit. The call sequence follows the newest text (SDK v2, v6 line where there is one):
//
//	role.go (v6 text; the v4 commit 0040ea6911af sends the same calls), role_policy.go (v6 text:
//	preIdentityVersion 6.0.0; stored commit 33aa0b5e1401 not read), policy.go (v6 text: preIdentityVersion
//	v6.4.0; v4 commit fd91d1b7945c, same calls, ListPolicyVersions before DeletePolicy included),
//	role_policy_attachment.go (v6 text with its list resource; stored commit 81ae62fe1923 not read),
//	instance_profile.go (SDK v2 text of the v5 line; v4 commit cda04ab9f781 differs only in waiting with the
//	SDK's InstanceProfileExists waiter), ec2/ec2_instance.go (SDK v2 text; v4 commit 5c58e0c2b9ff) and the
//	finders findInstanceByID, findInstanceTypeByName, findInstanceCreditSpecificationByID (findv2.go text).
//
// Configuration replayed: aws_iam_role.app (EC2 trust policy, description, tags), aws_iam_role_policy.sqs_read,
// aws_iam_policy.s3_read attached by aws_iam_role_policy_attachment, aws_iam_role.ops using the deprecated
// inline_policy and managed_policy_arns arguments, aws_iam_instance_profile.app holding the app role, and
// aws_instance.app (t3.micro in subnet a with the endpoint security group and that instance profile). apply #2
// changes the inline policy, the role's description and the profile's and instance's tags. What the provider
// retries for IAM's eventual consistency (CreateRole on "Invalid principal in policy", AddRoleToInstanceProfile
// and RunInstances on "Invalid IAM Instance Profile", reads right after create) must succeed at once here: a
// retry, like any answer the provider would only log, fails the replay at the end.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

var ctx = context.Background()

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func must(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func warn(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "[WARN] "+format+"\n", args...)
}

// mismatches are answers the provider tolerates (it logs them, or retries them for AWS's eventual consistency)
// but that AWS itself would not give here; the replay reports them all and fails at the end.
var mismatches []string

func mismatch(format string, args ...interface{}) {
	m := fmt.Sprintf(format, args...)
	warn("%s", m)
	mismatches = append(mismatches, m)
}

// accountID is the caller's account, as the provider learns it at start-up (it builds ARNs with it).
var accountID string

func step(format string, args ...interface{}) {
	fmt.Printf("terraform-replay: "+format+"\n", args...)
}

func isNotFound(err error) bool { return errors.Is(err, errNotFound) }

// resource is one entry of the replayed state: its address, id, and a read function.
type resource struct {
	address string
	id      string
	read    func() (state, error)
}

func main() {
	endpoint := os.Getenv("LOCALVPC_ENDPOINT")
	if endpoint == "" {
		fail("LOCALVPC_ENDPOINT is not set")
	}
	creds := credentials.NewStaticCredentialsProvider("test", "test", "")
	c := ec2.New(ec2.Options{Region: region, Credentials: creds, EndpointResolver: ec2.EndpointResolverFromURL(endpoint)})

	// Provider start-up (aws-sdk-go-base, no skip_* settings): credentials are validated with
	// sts:GetCallerIdentity, and the account id is looked up (iam:GetUser is the first way it tries).
	stsClient := sts.New(sts.Options{Region: region, Credentials: creds, EndpointResolver: sts.EndpointResolverFromURL(endpoint)})
	who, err := stsClient.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fail("validating provider credentials: retrieving caller identity from STS: %v", err)
	}
	account := aws.ToString(who.Account)
	accountID = account
	if len(account) != 12 || !strings.HasPrefix(aws.ToString(who.Arn), "arn:aws:") {
		fail("GetCallerIdentity answered Account=%q Arn=%q", account, aws.ToString(who.Arn))
	}
	iamClient := iam.New(iam.Options{Region: region, Credentials: creds, EndpointResolver: iam.EndpointResolverFromURL(endpoint)})
	user, err := iamClient.GetUser(ctx, &iam.GetUserInput{})
	if err != nil {
		fail("retrieving account information via iam:GetUser: %v", err)
	}
	if user.User == nil || !strings.Contains(aws.ToString(user.User.Arn), ":"+account+":") {
		fail("iam:GetUser answered %+v, not a user of account %s", user.User, account)
	}
	step("provider configured: account %s (%s)", account, aws.ToString(who.Arn))

	// Data sources, read during plan.
	svc := dataEndpointService(c, "s3", "Gateway")
	if svc["service_name"] != "com.amazonaws."+region+".s3" || svc["service_type"] != "Gateway" || svc["vpc_endpoint_policy_supported"] != "true" {
		fail("data.aws_vpc_endpoint_service.s3 = %v", svc)
	}
	pl := dataPrefixList(c, svc["service_name"])
	if !strings.HasPrefix(pl["id"], "pl-") || pl["cidr_blocks"] == "" {
		fail("data.aws_prefix_list.s3 = %v", pl)
	}
	step("data sources: %s, %s (%s)", svc["service_name"], pl["id"], pl["cidr_blocks"])

	// apply #1, in the order Terraform's graph allows.
	tags := func(name string) map[string]string {
		return map[string]string{"Name": name, "managed-by": "terraform-replay"}
	}
	vpcID, err := vpcCreate(c, vpcConfig{cidr: "10.72.0.0/16", enableDNSHostnames: true, tags: tags("tf-endpoints")})
	must(err)
	subnetA, err := subnetCreate(c, subnetConfig{vpcID: vpcID, cidr: "10.72.1.0/24", zone: region + "a", tags: tags("tf-private-a")})
	must(err)
	subnetB, err := subnetCreate(c, subnetConfig{vpcID: vpcID, cidr: "10.72.2.0/24", zone: region + "b", tags: tags("tf-private-b")})
	must(err)
	rtbID, err := routeTableCreate(c, vpcID, tags("tf-private"))
	must(err)
	assocA, err := routeTableAssociationCreate(c, subnetA, rtbID)
	must(err)
	assocB, err := routeTableAssociationCreate(c, subnetB, rtbID)
	must(err)
	sgCfg := sgConfig{name: "tf-endpoints", description: "Managed by Terraform", vpcID: vpcID, tags: tags("tf-endpoints"),
		ingress: []sgRule{{protocol: "tcp", fromPort: 443, toPort: 443, cidrs: []string{"10.72.0.0/16"}}},
		egress:  []sgRule{{protocol: "-1", cidrs: []string{"0.0.0.0/0"}}}}
	sgID, err := sgCreate(c, sgCfg)
	must(err)
	s3Cfg := endpointConfig{vpcID: vpcID, serviceName: svc["service_name"], endpointType: "Gateway", routeTableIDs: []string{rtbID}, tags: tags("tf-s3")}
	s3ID, err := endpointCreate(c, s3Cfg)
	must(err)
	sqsCfg := endpointConfig{vpcID: vpcID, serviceName: "com.amazonaws." + region + ".sqs", endpointType: "Interface", privateDNSEnabled: true,
		subnetIDs: []string{subnetA, subnetB}, sgIDs: []string{sgID}, tags: tags("tf-sqs")}
	sqsID, err := endpointCreate(c, sqsCfg)
	must(err)
	step("apply #1 created %s, %s, %s, %s, %s, %s, %s, %s, %s", vpcID, subnetA, subnetB, rtbID, assocA, assocB, sgID, s3ID, sqsID)

	// The identity of an instance: a role EC2 may assume, an inline policy (aws_iam_role_policy), a customer
	// managed policy attached to it (aws_iam_policy + aws_iam_role_policy_attachment), a second role that uses
	// the deprecated inline_policy and managed_policy_arns arguments instead, an instance profile holding the
	// first role, and an instance in subnet a launched with that profile.
	appRole := roleConfig{name: "tf-replay-app", path: "/", description: "Instances of the endpoint network", trust: ec2Trust, tags: tags("tf-replay-app")}
	roleName, err := roleCreate(iamClient, appRole)
	must(err)
	_, err = roleRead(iamClient, roleName, appRole, true)
	must(err)
	appRolePolicy := `{"Version":"2012-10-17","Statement":[{"Sid":"ReadQueues","Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:GetQueueAttributes"],"Resource":"arn:aws:sqs:` + region + `:` + account + `:tf-*"}]}`
	rolePolicyID, err := rolePolicyPut(iamClient, roleName, "sqs-read", appRolePolicy, true)
	must(err)
	_, err = rolePolicyRead(iamClient, rolePolicyID, appRolePolicy)
	must(err)
	s3ReadPolicy := policyConfig{name: "tf-replay-s3-read", path: "/", policy: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::tf-replay-*", "arn:aws:s3:::tf-replay-*/*"]}]
}`, tags: tags("tf-replay-s3-read")}
	policyARN, err := policyCreate(iamClient, s3ReadPolicy)
	must(err)
	_, err = policyRead(iamClient, policyARN, s3ReadPolicy, true)
	must(err)
	must(attachPolicyToRole(iamClient, roleName, policyARN))
	_, err = rolePolicyAttachmentRead(iamClient, roleName, policyARN, true)
	must(err)
	opsRole := roleConfig{name: "tf-replay-ops", path: "/ops/", trust: ec2Trust,
		inline:      []inlinePolicy{{name: "describe", policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`}},
		managedARNs: []string{policyARN}}
	opsRoleName, err := roleCreate(iamClient, opsRole)
	must(err)
	_, err = roleRead(iamClient, opsRoleName, opsRole, true)
	must(err)
	profileCfg := instanceProfileConfig{name: "tf-replay-app", path: "/", role: roleName, tags: tags("tf-replay-app")}
	profileName, err := instanceProfileCreate(iamClient, profileCfg)
	must(err)
	_, err = instanceProfileRead(iamClient, profileName)
	must(err)
	instanceCfg := instanceConfig{ami: "ami-0abcdef1234567890", instanceType: "t3.micro", subnetID: subnetA, sgIDs: []string{sgID}, profile: profileName,
		tags: tags("tf-replay-app")}
	instanceID, err := instanceCreate(c, instanceCfg)
	must(err)
	_, err = instanceRead(c, instanceID)
	must(err)
	step("apply #1 created roles %s and %s, %s, %s (attached), instance profile %s, instance %s", roleName, opsRoleName, rolePolicyID, policyARN, profileName, instanceID)

	s3Policy := ""
	all := func() []resource {
		return []resource{
			{"aws_vpc.main", vpcID, func() (state, error) { return vpcRead(c, vpcID) }},
			{"aws_subnet.a", subnetA, func() (state, error) { return subnetRead(c, subnetA) }},
			{"aws_subnet.b", subnetB, func() (state, error) { return subnetRead(c, subnetB) }},
			{"aws_route_table.private", rtbID, func() (state, error) { return routeTableRead(c, rtbID) }},
			{"aws_route_table_association.a", assocA, func() (state, error) { return routeTableAssociationRead(c, assocA) }},
			{"aws_route_table_association.b", assocB, func() (state, error) { return routeTableAssociationRead(c, assocB) }},
			{"aws_security_group.endpoints", sgID, func() (state, error) { return sgRead(c, sgID) }},
			{"aws_vpc_endpoint.s3", s3ID, func() (state, error) { return endpointRead(c, s3ID, s3Policy) }},
			{"aws_vpc_endpoint.sqs", sqsID, func() (state, error) { return endpointRead(c, sqsID, "") }},
			{"aws_iam_role.app", roleName, func() (state, error) { return roleRead(iamClient, roleName, appRole, false) }},
			{"aws_iam_role.ops", opsRoleName, func() (state, error) { return roleRead(iamClient, opsRoleName, opsRole, false) }},
			{"aws_iam_role_policy.sqs_read", rolePolicyID, func() (state, error) { return rolePolicyRead(iamClient, rolePolicyID, appRolePolicy) }},
			{"aws_iam_policy.s3_read", policyARN, func() (state, error) { return policyRead(iamClient, policyARN, s3ReadPolicy, false) }},
			{"aws_iam_role_policy_attachment.app_s3_read", roleName + "/" + policyARN, func() (state, error) {
				return rolePolicyAttachmentRead(iamClient, roleName, policyARN, false)
			}},
			{"aws_iam_instance_profile.app", profileName, func() (state, error) { return instanceProfileRead(iamClient, profileName) }},
			{"aws_instance.app", instanceID, func() (state, error) { return instanceRead(c, instanceID) }},
		}
	}
	first := readAll(all())
	assertApplied(first, vpcID, rtbID, sgID, subnetA, subnetB, pl["id"])
	assertIdentityApplied(first, account, roleName, policyARN, profileName, subnetA, sgID)

	// apply #2: the modifies.
	mainRtb := first["aws_vpc.main"]["main_route_table_id"]
	s3Policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`
	newS3 := s3Cfg
	newS3.policy = s3Policy
	newS3.routeTableIDs = []string{rtbID, mainRtb}
	must(endpointUpdate(c, s3ID, s3Cfg, newS3))
	assocB, err = routeTableAssociationUpdate(c, assocB, mainRtb)
	must(err)
	must(subnetModifyResourceNameDNSARecord(c, subnetB, true))
	second := readAll(all())
	if got := second["aws_vpc_endpoint.s3"]["route_table_ids"]; got != list([]string{rtbID, mainRtb}) {
		fail("aws_vpc_endpoint.s3 route_table_ids = %s after the update", got)
	}
	if !strings.Contains(second["aws_vpc_endpoint.s3"]["policy"], "s3:ListBucket") {
		fail("aws_vpc_endpoint.s3 policy = %s after the update", second["aws_vpc_endpoint.s3"]["policy"])
	}
	if second["aws_route_table_association.b"]["route_table_id"] != mainRtb {
		fail("aws_route_table_association.b route_table_id = %s, expected %s", second["aws_route_table_association.b"]["route_table_id"], mainRtb)
	}
	if second["aws_subnet.b"]["enable_resource_name_dns_a_record_on_launch"] != "true" {
		fail("aws_subnet.b enable_resource_name_dns_a_record_on_launch = %q after the update", second["aws_subnet.b"]["enable_resource_name_dns_a_record_on_launch"])
	}
	step("apply #2: policy and route table on %s, %s moved to %s, subnet b modified", s3ID, assocB, mainRtb)

	// apply #2 for the identity: the inline policy gains an action, the role a new description, the instance
	// profile and the instance another tag.
	appRolePolicy = strings.Replace(appRolePolicy, `"sqs:GetQueueAttributes"`, `"sqs:GetQueueAttributes","sqs:DeleteMessage"`, 1)
	_, err = rolePolicyPut(iamClient, roleName, "sqs-read", appRolePolicy, false)
	must(err)
	appRole.description = "Instances of the endpoint network (apply #2)"
	must(roleUpdateDescription(iamClient, roleName, appRole.description))
	newTags := tags("tf-replay-app")
	newTags["tier"] = "app"
	must(instanceProfileUpdateTags(iamClient, profileName, profileCfg.tags, newTags))
	must(instanceUpdateTags(c, instanceID, instanceCfg.tags, newTags))
	profileCfg.tags, instanceCfg.tags = newTags, newTags
	identity := readAll(all())
	if got := identity["aws_iam_role_policy.sqs_read"]["policy"]; !strings.Contains(got, "sqs:DeleteMessage") {
		fail("aws_iam_role_policy.sqs_read policy = %s after the update", got)
	}
	if got := identity["aws_iam_role.app"]["description"]; got != appRole.description {
		fail("aws_iam_role.app description = %q after the update", got)
	}
	for _, addr := range []string{"aws_iam_instance_profile.app", "aws_instance.app"} {
		if identity[addr]["tags.tier"] != "app" {
			fail("%s tags after the update: %v", addr, identity[addr])
		}
	}
	second = identity
	step("apply #2: %s updated, %s described anew, %s and %s tagged", rolePolicyID, roleName, profileName, instanceID)

	// terraform plan: a refresh must find exactly what was stored (no drift).
	third := readAll(all())
	drift := diff(second, third)
	if len(drift) > 0 {
		fail("drift on refresh (the provider would plan changes):\n  %s", strings.Join(drift, "\n  "))
	}
	step("refresh: no drift in %d resources", len(third))

	// terraform destroy, in reverse dependency order: the instance, then what depends on the roles and the
	// policy, then the roles (the provider's role delete first removes the role from any instance profile and,
	// where its state has inline or managed policies, deletes and detaches them), then the policy.
	must(instanceDelete(c, instanceID))
	must(instanceProfileDelete(iamClient, profileName, roleName))
	must(rolePolicyDelete(iamClient, rolePolicyID))
	must(detachPolicyFromRole(iamClient, roleName, policyARN))
	must(roleDelete(iamClient, roleName, third["aws_iam_role.app"]["inline_policy"] != "", third["aws_iam_role.app"]["managed_policy_arns"] != ""))
	must(roleDelete(iamClient, opsRoleName, third["aws_iam_role.ops"]["inline_policy"] != "", third["aws_iam_role.ops"]["managed_policy_arns"] != ""))
	must(policyDelete(iamClient, policyARN))
	must(endpointDelete(c, sqsID))
	must(endpointDelete(c, s3ID))
	must(sgDelete(c, sgID))
	must(routeTableAssociationDelete(c, assocA))
	must(routeTableAssociationDelete(c, assocB))
	must(routeTableDelete(c, rtbID))
	must(subnetDelete(c, subnetA))
	must(subnetDelete(c, subnetB))
	must(vpcDelete(c, vpcID))
	step("destroy complete")

	// After destroy, every read answers with the code the provider takes as "gone" (it then drops the
	// resource from state instead of failing), and the deletes themselves are idempotent.
	for _, r := range all() {
		if _, err := r.read(); !isNotFound(err) {
			fail("%s (%s) read after destroy: %v, expected a not-found answer the provider recognizes", r.address, r.id, err)
		}
	}
	for name, del := range map[string]func() error{
		"aws_vpc_endpoint.sqs": func() error { return endpointDelete(c, sqsID) }, "aws_security_group.endpoints": func() error { return sgDelete(c, sgID) },
		"aws_route_table_association.a": func() error { return routeTableAssociationDelete(c, assocA) },
		"aws_subnet.a":                  func() error { return subnetDelete(c, subnetA) }, "aws_vpc.main": func() error { return vpcDelete(c, vpcID) },
		"aws_instance.app":                           func() error { return instanceDelete(c, instanceID) },
		"aws_iam_instance_profile.app":               func() error { return instanceProfileDelete(iamClient, profileName, roleName) },
		"aws_iam_role_policy.sqs_read":               func() error { return rolePolicyDelete(iamClient, rolePolicyID) },
		"aws_iam_role_policy_attachment.app_s3_read": func() error { return detachPolicyFromRole(iamClient, roleName, policyARN) },
		"aws_iam_role.app":                           func() error { return roleDelete(iamClient, roleName, true, true) },
		"aws_iam_policy.s3_read":                     func() error { return policyDelete(iamClient, policyARN) },
	} {
		if err := del(); err != nil {
			fail("%s deleted a second time: %v (the provider expects its not-found code)", name, err)
		}
	}
	step("reads and deletes after destroy answer not-found as the provider expects")
	if len(mismatches) > 0 {
		fail("%d answers the provider would tolerate but AWS would not give:\n  %s", len(mismatches), strings.Join(mismatches, "\n  "))
	}
	fmt.Println("terraform-replay: workflow OK")
}

func readAll(resources []resource) map[string]state {
	out := map[string]state{}
	for _, r := range resources {
		st, err := r.read()
		if err != nil {
			fail("refreshing %s (%s): %v", r.address, r.id, err)
		}
		st["id"] = r.id
		out[r.address] = st
	}
	return out
}

func diff(a, b map[string]state) []string {
	var out []string
	for addr, sa := range a {
		sb := b[addr]
		keys := map[string]bool{}
		for k := range sa {
			keys[k] = true
		}
		for k := range sb {
			keys[k] = true
		}
		for k := range keys {
			if sa[k] != sb[k] {
				out = append(out, fmt.Sprintf("%s.%s: %q → %q", addr, k, sa[k], sb[k]))
			}
		}
	}
	sort.Strings(out)
	return out
}

// assertApplied checks what the provider's read stored after apply #1, as Terraform would compare it with the
// configuration ("Provider produced inconsistent result after apply" otherwise).
func assertApplied(st map[string]state, vpcID, rtbID, sgID, subnetA, subnetB, plID string) {
	expect := func(addr, key, want string) { expectState(st, addr, key, want) }
	nonEmpty := func(addr string, keys ...string) {
		for _, k := range keys {
			if st[addr][k] == "" {
				fail("%s.%s is empty after apply (state: %v)", addr, k, st[addr])
			}
		}
	}
	expect("aws_vpc.main", "cidr_block", "10.72.0.0/16")
	expect("aws_vpc.main", "enable_dns_hostnames", "true")
	expect("aws_vpc.main", "enable_dns_support", "true")
	expect("aws_vpc.main", "enable_network_address_usage_metrics", "false")
	expect("aws_vpc.main", "instance_tenancy", "default")
	expect("aws_vpc.main", "tags.Name", "tf-endpoints")
	nonEmpty("aws_vpc.main", "default_network_acl_id", "main_route_table_id", "default_security_group_id", "dhcp_options_id", "owner_id")
	expect("aws_subnet.a", "availability_zone", region+"a")
	expect("aws_subnet.b", "availability_zone", region+"b")
	expect("aws_subnet.a", "map_public_ip_on_launch", "false")
	expect("aws_subnet.a", "vpc_id", vpcID)
	nonEmpty("aws_subnet.a", "arn", "availability_zone_id")
	expect("aws_route_table.private", "route", "")
	expect("aws_route_table.private", "vpc_id", vpcID)
	expect("aws_route_table_association.a", "route_table_id", rtbID)
	expect("aws_route_table_association.a", "subnet_id", subnetA)
	expect("aws_security_group.endpoints", "ingress", "tcp/443-443/10.72.0.0/16")
	expect("aws_security_group.endpoints", "egress", "-1/0-0/0.0.0.0/0")
	expect("aws_security_group.endpoints", "description", "Managed by Terraform")
	expect("aws_vpc_endpoint.s3", "vpc_endpoint_type", "Gateway")
	expect("aws_vpc_endpoint.s3", "state", "available")
	expect("aws_vpc_endpoint.s3", "route_table_ids", rtbID)
	expect("aws_vpc_endpoint.s3", "private_dns_enabled", "false")
	expect("aws_vpc_endpoint.s3", "prefix_list_id", plID)
	nonEmpty("aws_vpc_endpoint.s3", "cidr_blocks", "policy")
	expect("aws_vpc_endpoint.sqs", "vpc_endpoint_type", "Interface")
	expect("aws_vpc_endpoint.sqs", "private_dns_enabled", "true")
	expect("aws_vpc_endpoint.sqs", "subnet_ids", list([]string{subnetA, subnetB}))
	expect("aws_vpc_endpoint.sqs", "security_group_ids", sgID)
	expect("aws_vpc_endpoint.sqs", "state", "available")
	nonEmpty("aws_vpc_endpoint.sqs", "dns_entry", "network_interface_ids", "subnet_configuration")
	if n := len(strings.Split(st["aws_vpc_endpoint.sqs"]["subnet_configuration"], ",")); n != 2 {
		fail("aws_vpc_endpoint.sqs has %d subnet configurations, expected 2", n)
	}
	if !strings.Contains(st["aws_vpc_endpoint.sqs"]["dns_entry"], "sqs."+region+".amazonaws.com@") {
		fail("aws_vpc_endpoint.sqs dns_entry lacks the private DNS name: %s", st["aws_vpc_endpoint.sqs"]["dns_entry"])
	}
}

// dataEndpointService: data "aws_vpc_endpoint_service" { service = "s3", service_type = "Gateway" }.
func dataEndpointService(c *ec2.Client, service, serviceType string) state {
	name := fmt.Sprintf("com.amazonaws.%s.%s", region, service)
	in := &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{name}, Filters: attrFilters("service-type", serviceType)}
	var details []types.ServiceDetail
	var names []string
	for {
		out, err := c.DescribeVpcEndpointServices(ctx, in)
		if err != nil {
			fail("reading EC2 VPC Endpoint Services: %v", err)
		}
		details = append(details, out.ServiceDetails...)
		names = append(names, out.ServiceNames...)
		if aws.ToString(out.NextToken) == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if len(details) != 1 {
		fail("data.aws_vpc_endpoint_service: %d service details match %s/%s (names %v)", len(details), name, serviceType, names)
	}
	sd := details[0]
	st := state{"service_name": aws.ToString(sd.ServiceName), "service_id": aws.ToString(sd.ServiceId), "owner": aws.ToString(sd.Owner),
		"private_dns_name": aws.ToString(sd.PrivateDnsName), "availability_zones": list(sd.AvailabilityZones),
		"base_endpoint_dns_names": list(sd.BaseEndpointDnsNames), "vpc_endpoint_policy_supported": boolean(sd.VpcEndpointPolicySupported),
		"acceptance_required": boolean(sd.AcceptanceRequired), "manages_vpc_endpoints": boolean(sd.ManagesVpcEndpoints)}
	if len(sd.ServiceType) > 0 {
		st["service_type"] = string(sd.ServiceType[0].ServiceType)
	}
	return st
}

// dataPrefixList: data "aws_prefix_list" { name = "<service name>" }.
func dataPrefixList(c *ec2.Client, name string) state {
	p, err := findPrefixList(c, &ec2.DescribePrefixListsInput{Filters: attrFilters("prefix-list-name", name)})
	if err != nil {
		fail("data.aws_prefix_list: reading EC2 Prefix List: %v", err)
	}
	return state{"id": aws.ToString(p.PrefixListId), "name": aws.ToString(p.PrefixListName), "cidr_blocks": list(p.Cidrs)}
}

// expectState fails when what the provider stored differs from what the configuration says.
func expectState(st map[string]state, addr, key, want string) {
	if got := st[addr][key]; got != want {
		fail("%s.%s = %q after apply, configuration says %q (state: %v)", addr, key, got, want, st[addr])
	}
}

// ec2Trust is the usual trust policy of an instance role: EC2 may assume it.
const ec2Trust = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]
}`

// assertIdentityApplied checks what the provider stored for the roles, policies, instance profile and
// instance after apply #1 against the configuration.
func assertIdentityApplied(st map[string]state, account, role, policyARN, profile, subnetA, sgID string) {
	expect := func(addr, key, want string) { expectState(st, addr, key, want) }
	idPrefix := func(addr, key, prefix string) {
		if !strings.HasPrefix(st[addr][key], prefix) {
			fail("%s.%s = %q, expected an id starting %s", addr, key, st[addr][key], prefix)
		}
	}
	trust, _ := normalizeJSON(ec2Trust)
	expect("aws_iam_role.app", "arn", "arn:aws:iam::"+account+":role/"+role)
	expect("aws_iam_role.app", "assume_role_policy", trust)
	expect("aws_iam_role.app", "max_session_duration", "3600")
	expect("aws_iam_role.app", "path", "/")
	expect("aws_iam_role.app", "managed_policy_arns", policyARN)
	expect("aws_iam_role.app", "tags.Name", "tf-replay-app")
	idPrefix("aws_iam_role.app", "unique_id", "AROA")
	if !strings.HasPrefix(st["aws_iam_role.app"]["inline_policy"], "sqs-read={") {
		fail("aws_iam_role.app inline_policy = %q, expected the aws_iam_role_policy document", st["aws_iam_role.app"]["inline_policy"])
	}
	expect("aws_iam_role.ops", "arn", "arn:aws:iam::"+account+":role/ops/tf-replay-ops")
	expect("aws_iam_role.ops", "managed_policy_arns", policyARN)
	expect("aws_iam_role.ops", "inline_policy", `describe={"Statement":[{"Action":"ec2:Describe*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`)
	expect("aws_iam_policy.s3_read", "arn", "arn:aws:iam::"+account+":policy/tf-replay-s3-read")
	expect("aws_iam_policy.s3_read", "attachment_count", "2")
	expect("aws_iam_policy.s3_read", "description", "")
	idPrefix("aws_iam_policy.s3_read", "policy_id", "ANPA")
	idPrefix("aws_iam_instance_profile.app", "unique_id", "AIPA")
	expect("aws_iam_role_policy.sqs_read", "role", role)
	expect("aws_iam_instance_profile.app", "arn", "arn:aws:iam::"+account+":instance-profile/"+profile)
	expect("aws_iam_instance_profile.app", "role", role)
	expect("aws_iam_instance_profile.app", "tags.Name", "tf-replay-app")
	expect("aws_instance.app", "iam_instance_profile", profile)
	expect("aws_instance.app", "instance_state", "running")
	expect("aws_instance.app", "instance_type", "t3.micro")
	expect("aws_instance.app", "subnet_id", subnetA)
	expect("aws_instance.app", "vpc_security_group_ids", sgID)
	expect("aws_instance.app", "availability_zone", region+"a")
	expect("aws_instance.app", "disable_api_termination", "false")
	expect("aws_instance.app", "disable_api_stop", "false")
	expect("aws_instance.app", "instance_initiated_shutdown_behavior", "stop")
	expect("aws_instance.app", "credit_specification.cpu_credits", "unlimited")
	expect("aws_instance.app", "monitoring", "false")
	expect("aws_instance.app", "source_dest_check", "true")
	expect("aws_instance.app", "tenancy", "default")
	idPrefix("aws_instance.app", "private_ip", "10.72.1.")
}
