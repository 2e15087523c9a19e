import CShim

// TEMPORARY TRACE
public func laneTrace(_ point: Int32) { lanegate_mark(point) }
public func laneTraceGet(_ point: Int32) -> Int64 { lanegate_mark_get(point) }
