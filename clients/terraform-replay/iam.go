package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
)

// The provider's IAM resources (internal/service/iam): aws_iam_role, aws_iam_role_policy, aws_iam_policy,
// aws_iam_role_policy_attachment and aws_iam_instance_profile. IAM returns policy documents URL-encoded; the
// provider decodes them (url.QueryUnescape) and keeps the configured text whenever the stored document means
// the same, so a document that comes back altered in meaning (or not decodable) would be drift.

func iamTags(tags map[string]string) []iamtypes.Tag {
	var t []iamtypes.Tag
	for k, v := range tags {
		t = append(t, iamtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	sort.Slice(t, func(i, j int) bool { return *t[i].Key < *t[j].Key })
	return t
}

func iamTagState(st state, tags []iamtypes.Tag) {
	for _, t := range tags {
		st["tags."+str(t.Key)] = str(t.Value)
	}
}

// normalizeJSON follows structure.NormalizeJsonString: the document re-encoded with sorted keys and no spaces,
// which is what the provider sends on create and stores.
func normalizeJSON(doc string) (string, error) {
	var v interface{}
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// decodedPolicy is url.QueryUnescape of a document as IAM returns it, then the provider's choice between the
// stored configuration and the document read (equivalentPolicy).
func decodedPolicy(configured, encoded, what string) (string, error) {
	doc, err := url.QueryUnescape(encoded)
	if err != nil {
		return "", fmt.Errorf("%s: the document IAM returned is not URL-encoded text: %v", what, err)
	}
	p, err := equivalentPolicy(configured, doc)
	if err != nil {
		return "", fmt.Errorf("%s: %v", what, err)
	}
	return p, nil
}

// retryIAM follows tfresource.RetryWhen for IAM's eventual consistency: the call is repeated while its error
// has one of the codes and (when given) a message containing the text. localvpc is consistent at once, so
// the first call must already succeed; a retry is reported so that the replay shows it.
func retryIAM(what string, call func() error, match func(error) bool) error {
	deadline := time.Now().Add(30 * time.Second)
	for attempt := 1; ; attempt++ {
		err := call()
		if err == nil || !match(err) || time.Now().After(deadline) {
			return err
		}
		mismatch("%s: attempt %d answered %v; the provider retries this for IAM propagation, which localvpc should not need", what, attempt, err)
		time.Sleep(100 * time.Millisecond)
	}
}

func codeWith(code, text string) func(error) bool {
	return func(err error) bool {
		var api smithy.APIError
		return errors.As(err, &api) && api.ErrorCode() == code && strings.Contains(api.ErrorMessage(), text)
	}
}

func anyOf(matchers ...func(error) bool) func(error) bool {
	return func(err error) bool {
		for _, m := range matchers {
			if m(err) {
				return true
			}
		}
		return false
	}
}

// retryWhenNewResourceNotFound follows tfresource.RetryWhenNewResourceNotFound: right after a create, a
// not-found read is retried (IAM propagation).
func retryWhenNewResourceNotFound(what string, isNew bool, find func() error) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := find()
		if !isNew || !isNotFound(err) || time.Now().After(deadline) {
			return err
		}
		mismatch("%s: not found right after create; the provider retries for IAM propagation, which localvpc should not need", what)
		time.Sleep(100 * time.Millisecond)
	}
}

// ---------------------------------------------------------------- aws_iam_role (role.go)

type inlinePolicy struct{ name, policy string }

type roleConfig struct {
	name, path, description, trust string
	tags                           map[string]string
	// the deprecated role arguments inline_policy and managed_policy_arns (set only on the role that uses them)
	inline      []inlinePolicy
	managedARNs []string
}

func findRoleByName(c *iam.Client, name string) (*iamtypes.Role, error) {
	out, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err = notFoundIf(err, "NoSuchEntity"); err != nil {
		return nil, err
	}
	if out.Role == nil {
		return nil, fmt.Errorf("GetRole %s: empty result", name)
	}
	return out.Role, nil
}

func roleCreate(c *iam.Client, cfg roleConfig) (string, error) {
	trust, err := normalizeJSON(cfg.trust)
	if err != nil {
		return "", fmt.Errorf("assume_role_policy is invalid JSON: %v", err)
	}
	in := &iam.CreateRoleInput{
		AssumeRolePolicyDocument: aws.String(trust),
		Path:                     aws.String(cfg.path),
		RoleName:                 aws.String(cfg.name),
		Tags:                     iamTags(cfg.tags),
		MaxSessionDuration:       aws.Int32(3600), // schema default, sent because d.GetOk sees a non-zero value
	}
	if cfg.description != "" {
		in.Description = aws.String(cfg.description)
	}
	var out *iam.CreateRoleOutput
	err = retryIAM("creating IAM Role ("+cfg.name+")", func() (err error) { out, err = c.CreateRole(ctx, in); return err },
		anyOf(codeWith("MalformedPolicyDocument", "Invalid principal in policy"), codeWith("ConcurrentModification", "")))
	if err != nil {
		return "", fmt.Errorf("creating IAM Role (%s): %w", cfg.name, err)
	}
	name := str(out.Role.RoleName)
	if name != cfg.name {
		return "", fmt.Errorf("CreateRole answered RoleName %q for %q", name, cfg.name)
	}
	for _, p := range cfg.inline {
		if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(p.name), PolicyDocument: aws.String(p.policy)}); err != nil {
			return name, fmt.Errorf("creating IAM Role (%s): adding inline policy (%s): %w", name, p.name, err)
		}
	}
	for _, a := range cfg.managedARNs {
		if err := attachPolicyToRole(c, name, a); err != nil {
			return name, fmt.Errorf("creating IAM Role (%s): %w", name, err)
		}
	}
	return name, nil
}

// roleRead: GetRole (retried while new and not found), a wait until the ARN is an ARN (right after create IAM
// has been seen to answer the unique id there), then the inline and attached policies.
func roleRead(c *iam.Client, name string, cfg roleConfig, isNew bool) (state, error) {
	var role *iamtypes.Role
	err := retryWhenNewResourceNotFound("reading IAM Role ("+name+")", isNew, func() (err error) { role, err = findRoleByName(c, name); return err })
	if err != nil {
		return nil, fmt.Errorf("reading IAM Role (%s): %w", name, err)
	}
	if !arn.IsARN(str(role.Arn)) {
		return nil, fmt.Errorf("reading IAM Role (%s): waiting for valid ARN: Arn is %q (the provider waits for an ARN here)", name, str(role.Arn))
	}
	if role.CreateDate == nil {
		return nil, fmt.Errorf("reading IAM Role (%s): no CreateDate (the provider formats it and would panic)", name)
	}
	trust, err := normalizeJSON(cfg.trust)
	if err != nil {
		return nil, err
	}
	st := state{
		"arn": str(role.Arn), "create_date": role.CreateDate.Format(time.RFC3339), "description": str(role.Description),
		"max_session_duration": fmt.Sprint(aws.ToInt32(role.MaxSessionDuration)), "name": str(role.RoleName), "path": str(role.Path),
		"unique_id": str(role.RoleId),
	}
	if role.PermissionsBoundary != nil {
		st["permissions_boundary"] = str(role.PermissionsBoundary.PermissionsBoundaryArn)
	}
	if st["assume_role_policy"], err = decodedPolicy(trust, str(role.AssumeRolePolicyDocument), "assume_role_policy"); err != nil {
		return nil, err
	}
	iamTagState(st, role.Tags)
	// inline_policy: every inline policy read back (ListRolePolicies, then GetRolePolicy each), normalized.
	names, err := findRolePolicyNames(c, name)
	if err != nil {
		return nil, fmt.Errorf("reading inline policies for IAM role %s: %w", name, err)
	}
	var inline []string
	for _, pn := range names {
		out, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(pn)})
		if err != nil {
			return nil, fmt.Errorf("reading inline policies for IAM role %s: %w", name, err)
		}
		configured := ""
		for _, p := range cfg.inline {
			if p.name == pn {
				configured = p.policy
			}
		}
		doc, err := decodedPolicy(configured, str(out.PolicyDocument), "inline policy "+pn)
		if err != nil {
			return nil, err
		}
		inline = append(inline, pn+"="+doc)
	}
	st["inline_policy"] = strings.Join(inline, ";")
	arns, err := findRoleAttachedPolicies(c, name)
	if err != nil {
		return nil, fmt.Errorf("reading IAM Policies attached to Role (%s): %w", name, err)
	}
	st["managed_policy_arns"] = list(arns)
	return st, nil
}

func findRolePolicyNames(c *iam.Client, role string) ([]string, error) {
	var names []string
	pages := iam.NewListRolePoliciesPaginator(c, &iam.ListRolePoliciesInput{RoleName: aws.String(role)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "NoSuchEntity"); err != nil {
			return nil, err
		}
		names = append(names, page.PolicyNames...)
	}
	return names, nil
}

func findRoleAttachedPolicies(c *iam.Client, role string) ([]string, error) {
	var arns []string
	pages := iam.NewListAttachedRolePoliciesPaginator(c, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(role)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err = notFoundIf(err, "NoSuchEntity"); err != nil {
			return nil, err
		}
		for _, p := range page.AttachedPolicies {
			arns = append(arns, str(p.PolicyArn))
		}
	}
	return arns, nil
}

// roleUpdateDescription: a changed description goes through UpdateRoleDescription.
func roleUpdateDescription(c *iam.Client, name, description string) error {
	if _, err := c.UpdateRoleDescription(ctx, &iam.UpdateRoleDescriptionInput{RoleName: aws.String(name), Description: aws.String(description)}); err != nil {
		return fmt.Errorf("updating IAM Role (%s) description: %w", name, err)
	}
	return nil
}

// roleDelete follows deleteRole: the role is removed from every instance profile, its managed policies are
// detached and its inline policies deleted (when the state says it has any), then DeleteRole is retried while
// IAM answers DeleteConflict; NoSuchEntity means it is already gone.
func roleDelete(c *iam.Client, name string, hasInline, hasManaged bool) error {
	var profiles []iamtypes.InstanceProfile
	pages := iam.NewListInstanceProfilesForRolePaginator(c, &iam.ListInstanceProfilesForRoleInput{RoleName: aws.String(name)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if code(err) == "NoSuchEntity" {
			break
		}
		if err != nil {
			return fmt.Errorf("deleting IAM Role (%s): reading IAM Instance Profiles for Role: %w", name, err)
		}
		profiles = append(profiles, page.InstanceProfiles...)
	}
	for _, p := range profiles {
		_, err := c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: p.InstanceProfileName, RoleName: aws.String(name)})
		if err != nil && code(err) != "NoSuchEntity" {
			return fmt.Errorf("deleting IAM Role (%s): removing it from Instance Profile (%s): %w", name, str(p.InstanceProfileName), err)
		}
	}
	if hasManaged {
		arns, err := findRoleAttachedPolicies(c, name)
		if err != nil && !isNotFound(err) {
			return fmt.Errorf("deleting IAM Role (%s): %w", name, err)
		}
		for _, a := range arns {
			if err := detachPolicyFromRole(c, name, a); err != nil {
				return fmt.Errorf("deleting IAM Role (%s): %w", name, err)
			}
		}
	}
	if hasInline {
		names, err := findRolePolicyNames(c, name)
		if err != nil && !isNotFound(err) {
			return fmt.Errorf("deleting IAM Role (%s): %w", name, err)
		}
		for _, pn := range names {
			_, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(pn)})
			if err != nil && code(err) != "NoSuchEntity" {
				return fmt.Errorf("deleting IAM Role (%s) policy (%s): %w", name, pn, err)
			}
		}
	}
	err := retryIAM("deleting IAM Role ("+name+")", func() error {
		_, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(name)})
		return err
	}, codeWith("DeleteConflict", ""))
	if code(err) == "NoSuchEntity" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting IAM Role (%s): %w", name, err)
	}
	return nil
}

// ---------------------------------------------------------------- aws_iam_role_policy (role_policy.go)

func findRolePolicy(c *iam.Client, role, name string) (string, error) {
	out, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name)})
	if err = notFoundIf(err, "NoSuchEntity"); err != nil {
		return "", err
	}
	if out.PolicyDocument == nil {
		return "", fmt.Errorf("GetRolePolicy %s:%s: empty result", role, name)
	}
	return str(out.PolicyDocument), nil
}

// rolePolicyPut is both create and update: PutRolePolicy with the normalized document; after a create the
// policy is read until IAM finds it.
func rolePolicyPut(c *iam.Client, role, name, policy string, isNew bool) (string, error) {
	doc, err := normalizeJSON(policy)
	if err != nil {
		return "", fmt.Errorf("policy is invalid JSON: %v", err)
	}
	if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(name), PolicyDocument: aws.String(doc)}); err != nil {
		return "", fmt.Errorf("putting IAM Role (%s) Policy (%s): %w", role, name, err)
	}
	id := role + ":" + name
	if isNew {
		err := retryWhenNewResourceNotFound("waiting for IAM Role Policy ("+id+") create", true, func() error { _, err := findRolePolicy(c, role, name); return err })
		if err != nil {
			return id, fmt.Errorf("waiting for IAM Role Policy (%s) create: %w", id, err)
		}
	}
	return id, nil
}

func rolePolicyRead(c *iam.Client, id, configured string) (state, error) {
	parts := strings.SplitN(id, ":", 2)
	encoded, err := findRolePolicy(c, parts[0], parts[1])
	if err != nil {
		return nil, fmt.Errorf("reading IAM Role Policy (%s): %w", id, err)
	}
	doc, err := decodedPolicy(configured, encoded, "aws_iam_role_policy "+id)
	if err != nil {
		return nil, err
	}
	return state{"name": parts[1], "role": parts[0], "policy": doc}, nil
}

func rolePolicyDelete(c *iam.Client, id string) error {
	parts := strings.SplitN(id, ":", 2)
	_, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(parts[0]), PolicyName: aws.String(parts[1])})
	if code(err) == "NoSuchEntity" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting IAM Role Policy (%s): %w", id, err)
	}
	return nil
}

// ---------------------------------------------------------------- aws_iam_policy (policy.go)

type policyConfig struct {
	name, path, description, policy string
	tags                            map[string]string
}

func policyCreate(c *iam.Client, cfg policyConfig) (string, error) {
	doc, err := normalizeJSON(cfg.policy)
	if err != nil {
		return "", fmt.Errorf("policy is invalid JSON: %v", err)
	}
	out, err := c.CreatePolicy(ctx, &iam.CreatePolicyInput{
		Description:    aws.String(cfg.description), // d.Get: sent even when empty
		Path:           aws.String(cfg.path),
		PolicyDocument: aws.String(doc),
		PolicyName:     aws.String(cfg.name),
		Tags:           iamTags(cfg.tags),
	})
	if err != nil {
		return "", fmt.Errorf("creating IAM Policy (%s): %w", cfg.name, err)
	}
	return str(out.Policy.Arn), nil
}

// policyRead: GetPolicy, then GetPolicyVersion of its default version (both retried while new and not found).
func policyRead(c *iam.Client, policyARN string, cfg policyConfig, isNew bool) (state, error) {
	var p *iamtypes.Policy
	var v *iamtypes.PolicyVersion
	err := retryWhenNewResourceNotFound("reading IAM Policy ("+policyARN+")", isNew, func() error {
		out, err := c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(policyARN)})
		if err = notFoundIf(err, "NoSuchEntity"); err != nil {
			return err
		}
		p = out.Policy
		if p == nil {
			return fmt.Errorf("GetPolicy: empty result")
		}
		vout, err := c.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(policyARN), VersionId: p.DefaultVersionId})
		if err = notFoundIf(err, "NoSuchEntity"); err != nil {
			return err
		}
		v = vout.PolicyVersion
		if v == nil {
			return fmt.Errorf("GetPolicyVersion: empty result")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading IAM Policy (%s): %w", policyARN, err)
	}
	st := state{"arn": str(p.Arn), "attachment_count": fmt.Sprint(aws.ToInt32(p.AttachmentCount)), "description": str(p.Description),
		"name": str(p.PolicyName), "path": str(p.Path), "policy_id": str(p.PolicyId)}
	configured, err := normalizeJSON(cfg.policy)
	if err != nil {
		return nil, err
	}
	if st["policy"], err = decodedPolicy(configured, str(v.Document), "aws_iam_policy "+policyARN); err != nil {
		return nil, err
	}
	iamTagState(st, p.Tags)
	return st, nil
}

// policyDelete: the policy's versions are listed first and every non-default one deleted (NoSuchEntity there
// means the policy is already gone), then DeletePolicy.
func policyDelete(c *iam.Client, policyARN string) error {
	var versions []iamtypes.PolicyVersion
	pages := iam.NewListPolicyVersionsPaginator(c, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(policyARN)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if code(err) == "NoSuchEntity" {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading IAM Policy (%s) versions: %w", policyARN, err)
		}
		versions = append(versions, page.Versions...)
	}
	defaults := 0
	for _, v := range versions {
		if v.IsDefaultVersion {
			defaults++
			continue
		}
		if _, err := c.DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(policyARN), VersionId: v.VersionId}); err != nil {
			return fmt.Errorf("deleting IAM Policy (%s) version (%s): %w", policyARN, str(v.VersionId), err)
		}
	}
	if defaults != 1 {
		return fmt.Errorf("ListPolicyVersions for %s: %d versions, %d of them the default (a policy has exactly one default version)", policyARN, len(versions), defaults)
	}
	_, err := c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String(policyARN)})
	if code(err) == "NoSuchEntity" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting IAM Policy (%s): %w", policyARN, err)
	}
	return nil
}

// ---------------------------------------------------------------- aws_iam_role_policy_attachment (role_policy_attachment.go)

func attachPolicyToRole(c *iam.Client, role, policyARN string) error {
	err := retryIAM("attaching IAM Policy ("+policyARN+")", func() error {
		_, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(policyARN)})
		return err
	}, codeWith("ConcurrentModification", ""))
	if err != nil {
		return fmt.Errorf("attaching IAM Policy (%s) to IAM Role (%s): %w", policyARN, role, err)
	}
	return nil
}

func detachPolicyFromRole(c *iam.Client, role, policyARN string) error {
	err := retryIAM("detaching IAM Policy ("+policyARN+")", func() error {
		_, err := c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(role), PolicyArn: aws.String(policyARN)})
		return err
	}, codeWith("ConcurrentModification", ""))
	if code(err) == "NoSuchEntity" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("detaching IAM Policy (%s) from IAM Role (%s): %w", policyARN, role, err)
	}
	return nil
}

// rolePolicyAttachmentRead: the attachment is found in ListAttachedRolePolicies (exactly once); the role
// missing (NoSuchEntity) or the policy absent from the list is not found.
func rolePolicyAttachmentRead(c *iam.Client, role, policyARN string, isNew bool) (state, error) {
	id := role + "/" + policyARN
	err := retryWhenNewResourceNotFound("reading IAM Role Policy Attachment ("+id+")", isNew, func() error {
		arns, err := findRoleAttachedPolicies(c, role)
		if err != nil {
			return err
		}
		n := 0
		for _, a := range arns {
			if a == policyARN {
				n++
			}
		}
		return single(n, "ListAttachedRolePolicies "+role+" for "+policyARN)
	})
	if err != nil {
		return nil, fmt.Errorf("reading IAM Role Policy Attachment (%s): %w", id, err)
	}
	return state{"role": role, "policy_arn": policyARN}, nil
}

// ---------------------------------------------------------------- aws_iam_instance_profile (instance_profile.go)

type instanceProfileConfig struct {
	name, path, role string
	tags             map[string]string
}

func findInstanceProfileByName(c *iam.Client, name string) (*iamtypes.InstanceProfile, error) {
	out, err := c.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(name)})
	if err = notFoundIf(err, "NoSuchEntity"); err != nil {
		return nil, err
	}
	if out.InstanceProfile == nil {
		return nil, fmt.Errorf("GetInstanceProfile %s: empty result", name)
	}
	return out.InstanceProfile, nil
}

// instanceProfileCreate: CreateInstanceProfile, a wait until GetInstanceProfile finds it, then
// AddRoleToInstanceProfile, retried on the two answers IAM gives while the profile or the role propagates.
func instanceProfileCreate(c *iam.Client, cfg instanceProfileConfig) (string, error) {
	out, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{
		InstanceProfileName: aws.String(cfg.name), Path: aws.String(cfg.path), Tags: iamTags(cfg.tags)})
	if err != nil {
		return "", fmt.Errorf("creating IAM Instance Profile (%s): %w", cfg.name, err)
	}
	name := str(out.InstanceProfile.InstanceProfileName)
	if err := retryWhenNewResourceNotFound("waiting for IAM Instance Profile ("+name+") create", true, func() error {
		_, err := findInstanceProfileByName(c, name)
		return err
	}); err != nil {
		return name, fmt.Errorf("waiting for IAM Instance Profile (%s) create: %w", name, err)
	}
	if cfg.role != "" {
		if err := instanceProfileAddRole(c, name, cfg.role); err != nil {
			return name, err
		}
	}
	return name, nil
}

func instanceProfileAddRole(c *iam.Client, profile, role string) error {
	err := retryIAM("adding IAM Role ("+role+") to IAM Instance Profile ("+profile+")", func() error {
		_, err := c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String(profile), RoleName: aws.String(role)})
		return err
	}, anyOf(codeWith("InvalidParameterValue", "Invalid IAM Instance Profile name"), codeWith("NoSuchEntity", "The role with name")))
	if err != nil {
		return fmt.Errorf("adding IAM Role (%s) to IAM Instance Profile (%s): %w", role, profile, err)
	}
	return nil
}

// instanceProfileRead: GetInstanceProfile; the role it holds is read with GetRole (a role that is gone is
// removed from the profile and the read fails).
func instanceProfileRead(c *iam.Client, name string) (state, error) {
	p, err := findInstanceProfileByName(c, name)
	if err != nil {
		return nil, fmt.Errorf("reading IAM Instance Profile (%s): %w", name, err)
	}
	st := state{"arn": str(p.Arn), "name": str(p.InstanceProfileName), "path": str(p.Path), "unique_id": str(p.InstanceProfileId)}
	if p.CreateDate == nil {
		return nil, fmt.Errorf("reading IAM Instance Profile (%s): no CreateDate", name)
	}
	st["create_date"] = p.CreateDate.Format(time.RFC3339)
	if len(p.Roles) > 1 {
		return nil, fmt.Errorf("reading IAM Instance Profile (%s): %d roles (a profile holds one)", name, len(p.Roles))
	}
	if len(p.Roles) == 1 {
		role := str(p.Roles[0].RoleName)
		if _, err := findRoleByName(c, role); err != nil {
			return nil, fmt.Errorf("reading IAM Role (%s) attached to IAM Instance Profile (%s): %w", role, name, err)
		}
		st["role"] = role
	}
	iamTagState(st, p.Tags)
	return st, nil
}

// instanceProfileUpdateTags: keys removed are untagged, keys added or changed are tagged.
func instanceProfileUpdateTags(c *iam.Client, name string, old, tags map[string]string) error {
	var removed []string
	for k := range old {
		if _, ok := tags[k]; !ok {
			removed = append(removed, k)
		}
	}
	changed := map[string]string{}
	for k, v := range tags {
		if ov, ok := old[k]; !ok || ov != v {
			changed[k] = v
		}
	}
	if len(removed) > 0 {
		if _, err := c.UntagInstanceProfile(ctx, &iam.UntagInstanceProfileInput{InstanceProfileName: aws.String(name), TagKeys: removed}); err != nil {
			return fmt.Errorf("untagging IAM Instance Profile (%s): %w", name, err)
		}
	}
	if len(changed) > 0 {
		if _, err := c.TagInstanceProfile(ctx, &iam.TagInstanceProfileInput{InstanceProfileName: aws.String(name), Tags: iamTags(changed)}); err != nil {
			return fmt.Errorf("tagging IAM Instance Profile (%s): %w", name, err)
		}
	}
	return nil
}

// instanceProfileDelete: the role in the state is removed first (NoSuchEntity is fine), then the profile.
func instanceProfileDelete(c *iam.Client, name, role string) error {
	if role != "" {
		_, err := c.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{InstanceProfileName: aws.String(name), RoleName: aws.String(role)})
		if err != nil && code(err) != "NoSuchEntity" {
			return fmt.Errorf("removing IAM Role (%s) from IAM Instance Profile (%s): %w", role, name, err)
		}
	}
	_, err := c.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String(name)})
	if code(err) == "NoSuchEntity" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("deleting IAM Instance Profile (%s): %w", name, err)
	}
	return nil
}
