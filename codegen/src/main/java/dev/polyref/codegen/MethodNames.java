package dev.polyref.codegen;

import dev.polyref.MalformedDeclarationException;
import java.util.HashMap;
import java.util.Map;

/**
 * The methods Polyref adds to one generated class, by name and parameter count: two keys or relations whose
 * names run together ({@code a_b.c} and {@code a.b_c}) would get the same method, which would not compile, so
 * generation stops naming both. Overloads of jOOQ's own methods differ in their parameters and are allowed.
 */
final class MethodNames {

    private final String className;
    private final Map<String, String> described = new HashMap<>();

    MethodNames(String className) {
        this.className = className;
    }

    /**
     * @param name       the method's name
     * @param parameters its parameter types, comma separated, as a signature key
     * @param what       what it stands for, for the error message
     * @return {@code name}
     * @throws MalformedDeclarationException if the signature is taken
     */
    String add(String name, String parameters, String what) {
        String taken = described.putIfAbsent(name + "(" + parameters + ")", what);
        if (taken != null) {
            throw new MalformedDeclarationException("Polyref: " + className + "." + name + " would stand for both "
                    + taken + " and " + what + ": rename one (or give it another Java name with a jOOQ generator "
                    + "strategy)");
        }
        return name;
    }
}
