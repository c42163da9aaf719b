#ifndef LOADFORGE_CYAML_SHIM_H
#define LOADFORGE_CYAML_SHIM_H
#include <yaml.h>
#endif
