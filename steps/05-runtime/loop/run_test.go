package loop_test

import ()
