// Fixture for the test engine_layers_wrong_way: a format header that includes
// one of render, a stage above it. The layering check must reject it.
#pragma once

#include "evtx/render/render.hpp"
