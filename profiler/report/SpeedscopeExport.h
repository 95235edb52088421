#pragma once
// Export to speedscope's file format (https://www.speedscope.app/file-format-schema.json): one
// "sampled" profile whose samples are the call paths with self samples, weighted by sample count.

#include "profile/CallTree.h"

#include <QString>

namespace wpm {

// shared.frames holds every frame of the tree (file is the source file, else the module); samples are
// root-first indexes into it; weights are sample counts (unit "none"), so they sum to totalSamples().
// Samples counted on the root itself appear as empty stacks.
QString speedscopeJson(const CallTree& tree, const QString& name);

} // namespace wpm
