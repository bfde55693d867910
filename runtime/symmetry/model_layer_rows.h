/* model_layer_rows.h — constraint rows of a layer space from sparse images
 * of its representations (for representations past the dense size). */
#ifndef SYM_MODEL_LAYER_ROWS_H
#define SYM_MODEL_LAYER_ROWS_H

#include "symmetry/model.h"

/* Append to C (C->c == V->nfull, V a layer space) the rows that
   model_constraint_rows defines for layers (model.h), for the algebra
   elements alg[0..nalg-1] and the discrete elements disc[0..ndisc-1], built
   from rep_image_sparse / rep_group_element_sparse: no dense image of
   V->rin or V->rout is formed.  Errors as model_constraint_rows (sizes,
   "not an element of the algebra", singular or unsupported group elements,
   ALG_ERR_LIMIT past the sparse limits); QMAT_E_INTERRUPTED when
   sym_interrupted is set. */
int model_layer_rows(SpMat *C, const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                     const fmpq_mat_struct *disc, slong ndisc, char *err);

#endif
