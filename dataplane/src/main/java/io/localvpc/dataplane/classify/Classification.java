package io.localvpc.dataplane.classify;

/**
 * What {@link RequestClassifier} made of a request: the authorization question AWS would ask about it
 * ({@link ClassifiedRequest}), or why it could not tell ({@link Unclassifiable}).
 */
public sealed interface Classification permits ClassifiedRequest, Unclassifiable {
}
