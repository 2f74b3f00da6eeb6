package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code Unsuccessful} set of a batch call's answer: one item per resource it could not act on. */
final class UnsuccessfulItems {
    private UnsuccessfulItems() {
    }

    static void add(ArrayNode set, String resourceId, String code, String message) {
        ObjectNode item = set.addObject();
        item.putObject("Error").put("Code", code).put("Message", message);
        item.put("ResourceId", resourceId);
    }
}
