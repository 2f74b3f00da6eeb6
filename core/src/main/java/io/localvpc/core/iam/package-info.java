/**
 * AWS's IAM policy language, written for localvpc: parse and validate a policy document
 * ({@link io.localvpc.core.iam.PolicyDocument#parse}, refusing bad ones with a
 * {@link io.localvpc.core.iam.PolicyException} that points at the fault), evaluate it against a
 * {@link io.localvpc.core.iam.RequestContext} (explicit deny over allow over implicit deny, reporting the
 * deciding statement), and combine identity, resource and VPC endpoint policies with
 * {@link io.localvpc.core.iam.Authorizer}. Documents are compiled once at parse time; evaluation reads the
 * compiled form and allocates nothing unless a policy variable has to be substituted.
 */
package io.localvpc.core.iam;
