#include "cwarta_xml.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

struct cwarta_xml_writer {
    xmlTextWriterPtr writer;
    xmlBufferPtr buffer; // only for memory writers
};

static cwarta_xml_writer *wrap(xmlTextWriterPtr w, xmlBufferPtr buffer) {
    if (!w) { if (buffer) xmlBufferFree(buffer); return NULL; }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    cwarta_xml_writer *result = (cwarta_xml_writer *)calloc(1, sizeof(cwarta_xml_writer));
    if (!result) { xmlFreeTextWriter(w); if (buffer) xmlBufferFree(buffer); return NULL; }
    result->writer = w;
    result->buffer = buffer;
    return result;
}

cwarta_xml_writer *cwarta_xml_open_memory(void) {
    xmlInitParser();
    xmlBufferPtr buffer = xmlBufferCreate();
    if (!buffer) return NULL;
    return wrap(xmlNewTextWriterMemory(buffer, 0), buffer);
}

const char *cwarta_xml_memory_contents(cwarta_xml_writer *w, int64_t *length) {
    if (!w || !w->buffer) { *length = 0; return NULL; }
    xmlTextWriterFlush(w->writer);
    *length = xmlBufferLength(w->buffer);
    return (const char *)xmlBufferContent(w->buffer);
}

void cwarta_xml_memory_clear(cwarta_xml_writer *w) {
    if (w && w->buffer) xmlBufferEmpty(w->buffer);
}

int cwarta_xml_start_document(cwarta_xml_writer *w) { return xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL); }
int cwarta_xml_start_element(cwarta_xml_writer *w, const char *name) { return xmlTextWriterStartElement(w->writer, BAD_CAST name); }
int cwarta_xml_attribute(cwarta_xml_writer *w, const char *name, const char *value) {
    return xmlTextWriterWriteAttribute(w->writer, BAD_CAST name, BAD_CAST value);
}
int cwarta_xml_text(cwarta_xml_writer *w, const char *text) { return xmlTextWriterWriteString(w->writer, BAD_CAST text); }
int cwarta_xml_end_element(cwarta_xml_writer *w) { return xmlTextWriterEndElement(w->writer); }
int cwarta_xml_end_document(cwarta_xml_writer *w) { return xmlTextWriterEndDocument(w->writer); }

int cwarta_xml_close(cwarta_xml_writer *w) {
    if (!w) return 0;
    int rc = xmlTextWriterFlush(w->writer);
    xmlFreeTextWriter(w->writer);
    if (w->buffer) xmlBufferFree(w->buffer);
    free(w);
    return rc < 0 ? rc : 0;
}

typedef struct { char *message; int32_t capacity; int seen; } error_sink;

static void collect_error(void *context, const char *format, ...) {
    error_sink *sink = (error_sink *)context;
    if (sink->seen || sink->capacity <= 0) return;
    va_list args;
    va_start(args, format);
    vsnprintf(sink->message, (size_t)sink->capacity, format, args);
    va_end(args);
    sink->seen = 1;
}

int cwarta_xml_validate(const char *xml_path, const char *xsd_path, char *message, int32_t capacity) {
    xmlInitParser();
    if (capacity > 0) message[0] = 0;
    error_sink sink = { message, capacity, 0 };
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(xsd_path);
    if (!parser) return -1;
    xmlSchemaSetParserErrors(parser, collect_error, collect_error, &sink);
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (!schema) return -1;
    xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema);
    if (!valid) { xmlSchemaFree(schema); return -1; }
    xmlSchemaSetValidErrors(valid, collect_error, collect_error, &sink);
    int rc = xmlSchemaValidateFile(valid, xml_path, 0);
    xmlSchemaFreeValidCtxt(valid);
    xmlSchemaFree(schema);
    return rc;
}
