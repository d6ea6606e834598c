with a as b, c as d:
    while True:
        try:
            continue
        except E as e:
            break
