/**
 * What a request at an endpoint is for, read once and used by everyone after: what an AWS host name says
 * ({@link io.localvpc.dataplane.route.AwsHost}) and, for S3, the bucket and key a request names
 * ({@link io.localvpc.dataplane.route.S3Names}). The request classifier judges, and the embedded S3 is asked for,
 * exactly these, so a policy never decides about one bucket or key while another is served.
 */
package io.localvpc.dataplane.route;
