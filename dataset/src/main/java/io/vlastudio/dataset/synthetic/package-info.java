/**
 * In-memory synthetic LIBERO-like demonstrations: a scripted pick-and-place "teleoperator" in a simple simulated
 * tabletop, rendered with a small deterministic software rasteriser.
 *
 * <p>Entry point: {@link io.vlastudio.dataset.synthetic.SyntheticEpisodeGenerator#generate}. It returns a
 * {@link io.vlastudio.dataset.synthetic.SyntheticEpisode} holding every array a LIBERO {@code demo_N} group holds.
 * Nothing here writes files.
 *
 * <p>Conventions (they follow the real files, see {@code shared/reference/libero-hdf5.md}):
 * <ul>
 *   <li>Frames are {@code H*W*3} RGB bytes, row-major HWC, stored <b>bottom-up</b> (OpenGL convention, like
 *       {@code macros_image_convention = "opengl"}): row 0 of a stored frame is the bottom row of the picture.
 *       Use {@link io.vlastudio.dataset.synthetic.FrameOrientation#flipRows} or the episode's {@code upright...}
 *       accessors to get the picture as a person sees it.</li>
 *   <li>Observation timing follows {@link io.vlastudio.dataset.synthetic.ObservationTiming}; the default is the
 *       original release ({@code obs[t]} after {@code actions[t]}, {@code states[t]} before it).</li>
 *   <li>Actions: dims 0-2 position deltas, dims 3-5 rotation deltas (axis-angle), dim 6 exactly -1 (open) or +1
 *       (close); translations are SpaceMouse-quantised to multiples of 0.9375/35 and saturate at +-0.9375, rotations
 *       stay within +-0.375. Dynamics: an action is scaled by the OSC output_max (0.05 m, 0.5 rad) into a per-step
 *       goal offset, and the simulated controller covers a fixed 30 % of that offset within the step (a real OSC arm
 *       at 20 Hz lags its goal the same way). The motion is therefore exactly linear in the action
 *       (0.015 m per unit per step), which keeps action-to-frame dynamics learnable while the action statistics stay
 *       LIBERO-like.</li>
 *   <li>Gripper states: fingers at (+q, -q), q = 0.04 open, 0.004 closed on nothing, and the object's half width
 *       minus a 0.5 mm squeeze (0.0245) while holding a 5 cm object.</li>
 *   <li>{@code rewards} and {@code dones} are all zero except the last step, which is 1 in both only when the
 *       episode succeeded; a failed episode has all-zero rewards and dones.</li>
 * </ul>
 *
 * <p>Everything is deterministic: the same inputs give byte-identical outputs (all randomness comes from
 * {@link java.util.SplittableRandom} streams derived from seed, task name and demo index, and every transcendental
 * function goes through {@link java.lang.StrictMath}).
 */
package io.vlastudio.dataset.synthetic;
