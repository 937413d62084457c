#define _GNU_SOURCE
#include "cwarta_io.h"

#ifdef __linux__
#include <elf.h>
#include <link.h>
#include <string.h>

struct cwarta_build_id_search {
    unsigned char *out;
    int capacity;
    int length; /* -1 until found */
};

static size_t cwarta_align(size_t n, size_t alignment) { return (n + alignment - 1) & ~(alignment - 1); }

/* Walks the notes of the first object dl_iterate_phdr reports, the running program itself. */
static int cwarta_build_id_callback(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct cwarta_build_id_search *search = data;
    for (int i = 0; i < info->dlpi_phnum && search->length < 0; i++) {
        const ElfW(Phdr) *phdr = &info->dlpi_phdr[i];
        if (phdr->p_type != PT_NOTE) continue;
        const size_t alignment = phdr->p_align == 8 ? 8 : 4;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + phdr->p_vaddr);
        size_t left = phdr->p_memsz;
        while (left >= sizeof(ElfW(Nhdr))) {
            ElfW(Nhdr) note;
            memcpy(&note, p, sizeof note);
            const size_t nameAt = sizeof note;
            const size_t descAt = nameAt + cwarta_align(note.n_namesz, alignment);
            const size_t next = descAt + cwarta_align(note.n_descsz, alignment);
            if (note.n_namesz > left || note.n_descsz > left || next > left) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && memcmp(p + nameAt, "GNU", 4) == 0) {
                search->length = (int)note.n_descsz;
                if (note.n_descsz <= (size_t)search->capacity) memcpy(search->out, p + descAt, note.n_descsz);
                break;
            }
            p += next;
            left -= next;
        }
    }
    return 1; /* the first object only */
}

int cwarta_build_id(unsigned char *out, int capacity) {
    struct cwarta_build_id_search search = {out, capacity < 0 ? 0 : capacity, -1};
    dl_iterate_phdr(cwarta_build_id_callback, &search);
    return search.length < 0 ? 0 : search.length;
}
#else
int cwarta_build_id(unsigned char *out, int capacity) {
    (void)out;
    (void)capacity;
    return 0;
}
#endif
