package io.vlastudio.store;

/** A demo and its whole review. */
public record ReviewedDemo(DemoRecord demo, Review review) {
}
