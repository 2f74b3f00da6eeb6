package io.localvpc.dataplane.backend;

import java.lang.reflect.Proxy;

/**
 * The base of the in-process servlet request and response: an instance of a servlet interface whose every method
 * throws. The adapters wrap it ({@code HttpServletRequestWrapper}, {@code HttpServletResponseWrapper}) and override
 * what s3proxy calls, so a method it starts calling in a later release fails loudly, naming itself, instead of
 * answering something made up.
 */
final class UnusedServletMethods {

    private UnusedServletMethods() {
    }

    static <T> T of(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("toString") && method.getParameterCount() == 0) return "unused " + type.getSimpleName();
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                    + " is not implemented for the in-process embedded S3");
        }));
    }
}
