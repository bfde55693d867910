/* io.h — the network file format (version 1), text, bit-exact.
 *
 *   sym-network 1
 *   kind mlp|epnn
 *   activation tanh|sigmoid|relu|identity
 *   sizes K s_1 .. s_K          (MLP sizes, or EPNN blocks per layer)
 *   dims DIN DOUT
 *   seed S
 *   params P
 *   P lines, one parameter each, as C99 hexadecimal floats (%a)
 *   reduced R LABEL             (R = 0: none; LABEL: the enforced algebra, or -)
 *   P * R lines: the basis Nb, row-major, %a
 *   end
 *
 * Hexadecimal floats read back exactly (strtod), so save then load gives
 * the same bits.  Writing goes through atomic_write_file (a temporary file
 * in the same directory, flushed and fsync'ed, then renamed over PATH), so a
 * reader never sees half a file.  Reading checks the magic, the version, every count and the final
 * "end": a truncated file or one of another version gives NN_E_FORMAT with
 * the line number. */
#ifndef SYM_NN_IO_H
#define SYM_NN_IO_H

#include "nn/net.h"

#define NN_FORMAT_VERSION 1

int nn_net_save(const Net *net, const char *path, char *err);
/* net (zeroed by the call) = the network in path. */
int nn_net_load(Net *net, const char *path, char *err);
/* 1 when the file at path starts with the network magic "sym-network ". */
int nn_file_is_net(const char *path);

#endif
