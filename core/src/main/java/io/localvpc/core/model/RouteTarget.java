package io.localvpc.core.model;

import io.localvpc.core.state.View;

/**
 * A resource a route can point at whose ability to carry traffic depends on its own state (an instance
 * forwards only while running). Route state (active/blackhole) asks it; a target that exists and does
 * not implement this is taken to forward.
 */
public interface RouteTarget {
    boolean canForward(View view);
}
