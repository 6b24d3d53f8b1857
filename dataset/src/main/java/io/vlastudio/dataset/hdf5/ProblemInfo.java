package io.vlastudio.dataset.hdf5;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * LIBERO's {@code data/problem_info} attribute: a JSON object written by Python's {@code json.dumps}
 * ({@code {"problem_name": ..., "domain_name": ..., "language_instruction": ...}}), read with Jackson like any other
 * JSON (escapes such as {@code \u00e8} decoded, a key nested deeper not mistaken for the top-level one).
 */
final class ProblemInfo {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProblemInfo() {
    }

    /** The top-level {@code language_instruction} string; empty when the attribute is not such a JSON object. */
    static Optional<String> languageInstruction(String json) {
        try {
            JsonNode language = MAPPER.readTree(json).path("language_instruction");
            return language.isTextual() ? Optional.of(language.textValue()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
