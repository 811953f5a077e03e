/** The explicit limits of a mail merge (listed in the README): past them the batch is refused before any letter. */

/** Largest CSV file read, in bytes. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;
/** Largest XLSX file read, in bytes (a workbook is read whole, its cells as objects: ten times its size in memory and more). */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
/** Most data rows in one batch (the header row not counted). */
export const MAX_ROWS = 20_000;
/** Longest cell, in characters: a longer one refuses its row (no form field takes that much). */
export const MAX_CELL_CHARS = 10_000;
/** Largest mapping file, in bytes. */
export const MAX_MAPPING_BYTES = 1024 * 1024;
