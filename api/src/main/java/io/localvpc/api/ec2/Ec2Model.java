package io.localvpc.api.ec2;

import io.localvpc.api.wire.ServiceModel;

/** The EC2 service model shipped in the jar, loaded once. */
public final class Ec2Model {
    private static final ServiceModel MODEL = ServiceModel.load("/io/localvpc/api/ec2-model.json");

    private Ec2Model() {
    }

    public static ServiceModel get() {
        return MODEL;
    }
}
