/**
 * What an instance's metadata service ({@code 169.254.169.254}) answers, read from the state: the categories under
 * {@code latest/meta-data/}, the instance identity document and the instance profile's role. The HTTP side (tokens,
 * credentials) is the data plane's.
 */
package io.localvpc.core.imds;
