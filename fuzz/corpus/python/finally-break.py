def f():
    try:
        return 1
    finally:
        for i in x:
            break
