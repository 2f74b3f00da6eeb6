/**
 * The instance metadata service ({@code http://169.254.169.254}) served in process: the path engine delivers an
 * instance's connection to it through the workload proxy, the HTTP side here answers with IMDSv2 tokens, the
 * instance's metadata options, and the instance profile's credentials.
 */
package io.localvpc.dataplane.imds;
