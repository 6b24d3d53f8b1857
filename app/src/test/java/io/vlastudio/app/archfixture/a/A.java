package io.vlastudio.app.archfixture.a;

import io.vlastudio.app.archfixture.b.B;

/** Half of a deliberate package cycle, for ArchitectureTest's check that its cycle rule can fail. */
public final class A {
    public B partner() {
        return new B();
    }
}
