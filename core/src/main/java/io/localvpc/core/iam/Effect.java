package io.localvpc.core.iam;

/** A statement's Effect element. */
public enum Effect { ALLOW, DENY }
