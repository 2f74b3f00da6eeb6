package io.localvpc.dataplane.classify;

/**
 * What {@link RequestClassifier} made of a request: the authorization question AWS would ask about it
 * ({@link ClassifiedRequest}), why it could not tell ({@link Unclassifiable}), or the service's own refusal of a
 * request it would not serve ({@link InvalidRequest}).
 */
public sealed interface Classification permits ClassifiedRequest, Unclassifiable, InvalidRequest {
}
