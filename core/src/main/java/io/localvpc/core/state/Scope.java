package io.localvpc.core.state;

/** One account in one region: the unit AWS isolates resources by. Resources never cross scopes. */
public record Scope(String account, String region) implements Comparable<Scope> {
    public Scope {
        if (account == null || region == null) throw new IllegalArgumentException("account and region are required");
    }

    /** The form used in storage keys and logs, e.g. {@code 000000000000/us-east-1}. */
    public String key() {
        return account + "/" + region;
    }

    public static Scope parse(String key) {
        int slash = key.indexOf('/');
        return new Scope(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public int compareTo(Scope o) {
        return key().compareTo(o.key());
    }
}
