#ifndef CWARTA_XML_H
#define CWARTA_XML_H
// A narrow C surface over libxml2's xmlTextWriter and XSD validation. libxml2's own headers pull in
// the system ICU, which clashes with Foundation's copy in Swift, so they are only included in the .c.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cwarta_xml_writer cwarta_xml_writer;

/// Opens a streaming writer into memory; read it with cwarta_xml_memory_contents.
cwarta_xml_writer *cwarta_xml_open_memory(void);
/// The bytes written so far to a memory writer (flushes first); valid until the next call.
const char *cwarta_xml_memory_contents(cwarta_xml_writer *writer, int64_t *length);
/// Empties a memory writer's buffer after its contents were copied out (streaming in pieces).
void cwarta_xml_memory_clear(cwarta_xml_writer *writer);

// Each returns a negative number on failure (libxml2's convention), else >= 0.
int cwarta_xml_start_document(cwarta_xml_writer *writer);
int cwarta_xml_start_element(cwarta_xml_writer *writer, const char *name);
int cwarta_xml_attribute(cwarta_xml_writer *writer, const char *name, const char *value);
int cwarta_xml_text(cwarta_xml_writer *writer, const char *text);
int cwarta_xml_end_element(cwarta_xml_writer *writer);
int cwarta_xml_end_document(cwarta_xml_writer *writer);
/// Frees the writer (flushing it); 0 on success.
int cwarta_xml_close(cwarta_xml_writer *writer);

/// Validates the XML file at `xml_path` against the XSD at `xsd_path`.
/// Returns 0 when valid, > 0 when invalid, < 0 when the schema or file cannot be read; the first
/// error message is copied into `message` (capacity `capacity`).
int cwarta_xml_validate(const char *xml_path, const char *xsd_path, char *message, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif
