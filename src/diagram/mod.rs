//! The ER diagram as plain data: graph from a `Schema`, layered layout, geometry (boxes,
//! ports, edges, labels) and an SVG writer. Knows nothing of Yew or web-sys.
