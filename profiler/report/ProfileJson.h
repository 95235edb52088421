#pragma once
// The profile as the web renderer (resources/report/flamegraph.js) reads it, embedded in HTML reports
// and later fed to the live view. Safe to place inside a <script> element (see appendJsonString).
//
// {"format":"wpm-profile","version":1,"meta":{...ReportMetadata...},"totalSamples":N,"totalNs":N,
//  "frames":[[function,file,line,module,kind(0 native, 1 Python)],...],
//  "nodes":[frame,parent,self,total, frame,parent,self,total, ...]}
// Nodes are flattened four numbers each, in preorder with siblings in CallTree::sortedChildren() order;
// node 0 is the root (frame -1, parent -1) and a parent always precedes its children.

#include "profile/CallTree.h"
#include "report/ReportMetadata.h"

#include <QString>

namespace wpm {

QString profileJson(const CallTree& tree, const ReportMetadata& metadata);

// The nodes of `tree` in preorder, siblings in sortedChildren() order (the order of "nodes" above).
QList<NodeId> preorderNodes(const CallTree& tree);

} // namespace wpm
