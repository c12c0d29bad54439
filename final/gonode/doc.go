package gonode
