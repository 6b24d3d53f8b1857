/**
 * What WorldVLA sees, computed exactly as WorldVLA computes it: action bins ({@code action}), image code grids
 * ({@code image}), whole token sequences with their loss and attention masks ({@code sequence}), and the DJL
 * PyTorch runtime they share ({@code torch}). Plain blocking Java; no JavaFX.
 */
package io.vlastudio.tokenizer;
