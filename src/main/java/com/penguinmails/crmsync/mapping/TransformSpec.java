package com.penguinmails.crmsync.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the transforms a field map names into {@link Transform}s. A transform is a name, with an argument after a
 * colon ({@code trim}, {@code lower-case}, {@code email}, {@code e164:US}, {@code max-length:80}, {@code default:x},
 * {@code instant}, {@code bool}, {@code split:;}, {@code domain}), or a {@code picklist} map ({@code {picklist: {Customer: customer}}}).
 */
final class TransformSpec {

    private TransformSpec() {
    }

    /**
     * The chain of transforms. Outbound ({@code outbound} true) runs them in reverse order, each its outbound way
     * (picklists map back, {@code primary-value} wraps instead of unwraps), so a map reads naturally inbound.
     */
    static Transform chain(List<?> specs, boolean outbound) {
        Transform chain = value -> value;
        List<Object> ordered = new java.util.ArrayList<>(specs);
        if (outbound) {
            java.util.Collections.reverse(ordered);
        }
        for (Object spec : ordered) {
            chain = chain.andThen(one(spec, outbound));
        }
        return chain;
    }

    /** A printable form of one spec, for listings. */
    static String describe(Object spec) {
        return spec instanceof Map<?, ?> map ? "picklist" + map.get("picklist") : spec.toString();
    }

    private static Transform one(Object spec, boolean reversePicklists) {
        if (spec instanceof Map<?, ?> map) {
            Object values = map.get("picklist");
            if (!(values instanceof Map<?, ?> pairs)) {
                throw new IllegalArgumentException("a map transform must be {picklist: {crmValue: pmValue, ...}}");
            }
            Map<String, String> mapping = new LinkedHashMap<>();
            pairs.forEach((k, v) -> {
                if (reversePicklists) {
                    mapping.put(String.valueOf(v), String.valueOf(k));
                } else {
                    mapping.put(String.valueOf(k), String.valueOf(v));
                }
            });
            return Transform.picklist(mapping, Boolean.TRUE.equals(map.get("keep-unmapped")));
        }
        String text = spec.toString().trim();
        String name = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        String argument = text.contains(":") ? text.substring(text.indexOf(':') + 1) : "";
        return switch (name) {
            case "trim" -> Transform.trim();
            case "lower-case" -> Transform.lowerCase();
            case "email" -> Transform.email();
            case "e164" -> Transform.e164(argument.isEmpty() ? "US" : argument);
            case "max-length" -> Transform.maxLength(positive(argument, text));
            case "default" -> Transform.defaultValue(argument);
            case "instant" -> Transform.instant();
            case "bool" -> Transform.bool();
            case "primary-value" -> reversePicklists ? Transform.wrapPrimary() : Transform.unwrapPrimary();
            case "split" -> reversePicklists ? Transform.join(argument.isEmpty() ? ";" : argument)
                    : Transform.split(argument.isEmpty() ? ";" : argument);
            case "domain" -> Transform.domain();
            default -> throw new IllegalArgumentException("unknown transform '" + text + "'; known: trim, lower-case, "
                    + "email, e164:REGION, max-length:N, default:VALUE, instant, bool, primary-value, split:SEPARATOR, "
                    + "domain, "
                    + "{picklist: {...}}");
        };
    }

    private static int positive(String argument, String spec) {
        try {
            int n = Integer.parseInt(argument);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException("'" + spec + "' needs a positive length, e.g. max-length:80");
    }
}
