# runtime/language.mk — slicing, model values, JSON, help additions
# (issue 12: "a language that does not get in the way").
libsymrt_a_SOURCES += runtime/core/slice.h runtime/core/slice.c runtime/builtins/builtins_language.c \
	runtime/core/latex.h runtime/core/latex.c \
	runtime/builtins/model_value.h runtime/builtins/model_value.c \
	runtime/builtins/builtins_field_plot.c \
	runtime/builtins/json.h runtime/builtins/json.c
