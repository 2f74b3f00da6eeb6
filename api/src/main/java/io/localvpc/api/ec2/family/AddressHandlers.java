package io.localvpc.api.ec2.family;

import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.OperationRegistry;

/** Not built yet. */
public final class AddressHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
    }
}
