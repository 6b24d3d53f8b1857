package io.vlastudio.app.archfixture.b;

import io.vlastudio.app.archfixture.a.A;

/** The other half of the deliberate package cycle. */
public final class B {
    public A partner() {
        return new A();
    }
}
