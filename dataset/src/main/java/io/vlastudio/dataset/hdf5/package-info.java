/**
 * A small, streaming HDF5 writer implemented from the HDF5 File Format Specification 3.0.
 *
 * <p>The writer produces the same on-disk shape as h5py's plain {@code create_dataset(name, data=array)}:
 * contiguous, uncompressed, little-endian datasets in "new style" compact groups. Dataset bytes are
 * streamed straight to their reserved place in the file; only metadata (names, shapes, attributes) is
 * kept in memory until {@link io.vlastudio.dataset.hdf5.Hdf5Writer#close()}, which appends the global
 * heap (variable-length strings) and the object headers, then writes the superblock at offset 0.
 *
 * <p>Format subset written:
 * <ul>
 *   <li>superblock version 2 (8-byte offsets and lengths), with Jenkins lookup3 checksums;</li>
 *   <li>version 2 object headers ("OHDR") holding a single chunk;</li>
 *   <li>groups: Link Info + Group Info + one hard Link message per child (compact storage);</li>
 *   <li>datasets: Dataspace v2, Datatype v1, Fill Value v3, Data Layout v3 (contiguous);</li>
 *   <li>attributes: Attribute message v3; strings as variable-length UTF-8 in Global Heap Collections.</li>
 * </ul>
 * Chunked storage, compression, dense (fractal heap) link/attribute storage and editing existing
 * files are deliberately not supported.
 *
 * <p>Only {@link io.vlastudio.dataset.hdf5.Hdf5Writer}, {@link io.vlastudio.dataset.hdf5.GroupBuilder},
 * {@link io.vlastudio.dataset.hdf5.DatasetWriter} and {@link io.vlastudio.dataset.hdf5.Hdf5Type} are
 * public; everything else is an encoding detail.
 */
package io.vlastudio.dataset.hdf5;
