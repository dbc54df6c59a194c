#ifndef VEOBATCH_CMAGIC_SHIM_H
#define VEOBATCH_CMAGIC_SHIM_H
#include <magic.h>
#endif
