package io.vlastudio.training.run;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The meters of one log line: names in the order the line prints them and their values, in two arrays rather than a
 * map entry and a boxed Double per meter (a 1 GB log has millions of lines; see {@link LogParser}). Read-only once
 * the parser hands it out; equal to any map with the same entries.
 */
final class MeterMap extends AbstractMap<String, Double> {

    private String[] names = new String[16];
    private double[] values = new double[16];
    private int size;

    /** Adds a meter or, as {@link java.util.LinkedHashMap#put} does, replaces the value of one already there. */
    void put(String name, double value) {
        for (int i = 0; i < size; i++) {
            if (names[i] == name || names[i].equals(name)) {
                values[i] = value;
                return;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return index(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int i = index(key);
        return i < 0 ? null : values[i];
    }

    private int index(Object key) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < size;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (i >= size) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Double> e = new SimpleImmutableEntry<>(names[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
