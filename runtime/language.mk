# runtime/language.mk — slicing, model values, JSON, help additions
# (issue 12: "a language that does not get in the way").
libsymrt_a_SOURCES += runtime/slice.h runtime/slice.c runtime/builtins_language.c \
	runtime/latex.h runtime/latex.c \
	runtime/model_value.h runtime/model_value.c \
	runtime/builtins_field_plot.c \
	runtime/json.h runtime/json.c
