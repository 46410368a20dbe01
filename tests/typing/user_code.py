"""A user's file: every resource method, with ``typing.assert_type`` on each result.

Not run by pytest (it would need a server); ``tests/typing/test_user_code_types.py`` and ``.ci/run``
check it with ``mypy --strict``. No result is ``object``, ``Any`` or an unsplit union.
"""

from __future__ import annotations

from typing import Any, assert_type

from huhu_client.models import (
    CompletedPart,
    CreatedModel,
    CreatedPose,
    CreatedProgram,
    CreatedProject,
    CreditHistoryItem,
    CreditHistoryPage,
    FirstFrameImageId,
    GenerationRequest,
    GenerationStatus,
    ImageUploadResult,
    Message,
    ModelImageList,
    ModelList,
    MultipartUploadInit,
    Plan,
    PoseDetail,
    PoseGenerationRequest,
    PoseLibrary,
    PoseList,
    Program,
    ProgramList,
    ProjectDetail,
    ProjectList,
    ProjectSummary,
    SavedModelImage,
    Sku,
    SkuList,
    TaskDetail,
    TaskList,
    UpscaleStatus,
    UpscaleSubmitted,
    VideoRequest,
    VideoRequestList,
    VideoSubmitted,
)

from huhu_ext import (
    AsyncHuhu,
    AsyncListPaginator,
    CostItem,
    Huhu,
    HuhuError,
    InsufficientBudgetError,
    ListPaginator,
)


def sync_user(huhu: Huhu) -> None:
    assert_type(huhu.metering.plan(), Plan)
    history = huhu.metering.credit_history()
    assert_type(history, ListPaginator[CreditHistoryPage, CreditHistoryItem])
    for item in history:
        assert_type(item, CreditHistoryItem)
        assert_type(item.credits_, int)
    for page in history.pages():
        assert_type(page, CreditHistoryPage)
    assert_type(history.first_page(), CreditHistoryPage)

    assert_type(next(iter(huhu.programs.list(owned=True))), Program)
    assert_type(huhu.programs.list().first_page(), ProgramList)
    assert_type(huhu.programs.create(program_name="brand"), CreatedProgram)

    assert_type(next(iter(huhu.projects.list())), ProjectSummary)
    assert_type(huhu.projects.list().first_page(), ProjectList)
    created = huhu.projects.create(project_name="spring")
    assert_type(created, CreatedProject)
    assert isinstance(created.project_id, str)  # the reference shows no answer: every field optional
    project = huhu.projects.retrieve(created.project_id)
    assert_type(project, ProjectDetail)
    upload = huhu.projects.upload(project_id=project.project_id, file_type="garment_image", file_data="...")
    assert_type(upload, ImageUploadResult)
    init = huhu.projects.start_multipart_upload(project_id=project.project_id, file_size=1024)
    assert_type(init, MultipartUploadInit)
    parts = [CompletedPart(part_number=1, e_tag="etag")]
    done = huhu.projects.complete_upload(
        project_id=project.project_id, key=init.key, upload_id=init.upload_id, parts=parts
    )
    assert_type(done, Message)

    assert_type(next(iter(huhu.skus.list(project.project_id))), Sku)
    assert_type(huhu.skus.retrieve(project.project_id, "sku"), SkuList)
    assert_type(huhu.skus.update(sku_ids=["sku"], garment_type="Top"), Message)

    models = huhu.models.list(model_type="Women")
    assert_type(models, ModelList)
    images = huhu.models.images(models.models[0].model_id)
    assert_type(images, ModelImageList)
    assert_type(huhu.models.create(model_name="Ada"), CreatedModel)
    assert_type(huhu.models.generate_face.estimate(prompt="freckles"), CostItem)
    face = huhu.models.generate_face(prompt="freckles", num_output_images=2, max_credits=2)
    assert_type(face, GenerationRequest)
    assert_type(huhu.models.retrieve_generation(face.request_id), GenerationStatus)
    assert_type(huhu.models.wait_generation(face.request_id, timeout=60), GenerationStatus)
    assert_type(huhu.models.generate_image(prompt="studio", max_credits=1), GenerationRequest)
    assert_type(huhu.models.generate_image.estimate(prompt="studio").credits, int)
    assert_type(huhu.models.save_image(model_id="m", style_id="s", file_data="..."), SavedModelImage)
    assert_type(huhu.models.generate_pose(prompt="walk", reference_image="img"), PoseGenerationRequest)
    assert_type(huhu.models.generate_pose.estimate(prompt="walk", reference_image="img"), CostItem)

    assert_type(huhu.poses.library(model_category="Women"), PoseLibrary)
    assert_type(huhu.poses.list(), PoseList)
    assert_type(huhu.poses.retrieve("pose"), PoseDetail)
    assert_type(huhu.poses.create(reference_image="...", pose_title="wave"), CreatedPose)
    assert_type(huhu.poses.create.estimate(reference_image="...", pose_title="wave"), CostItem)

    assert_type(huhu.tasks.create(project_id=project.project_id, sku_ids=["sku"]), Message)
    tasks = huhu.tasks.list(project_id=project.project_id)
    assert_type(tasks, TaskList)
    task_id = tasks.skus[0].tasks[0].task_id
    assert_type(
        huhu.tasks.update(project_id=project.project_id, sku_id="sku", task_id=task_id, model_image="i"),
        Message,
    )
    assert_type(huhu.tasks.generate.estimate(project_id=project.project_id, task_ids=[task_id]), CostItem)
    try:
        assert_type(
            huhu.tasks.generate(project_id=project.project_id, task_ids=[task_id], max_credits=10), Message
        )
    except InsufficientBudgetError as refused:
        assert_type(refused.credits_required, int)
    results = huhu.tasks.wait([task_id], project_id=project.project_id)
    assert_type(results, dict[str, TaskDetail])
    assert_type(huhu.tasks.retrieve(task_id, project_id=project.project_id, sku_id="sku"), TaskDetail)

    video = huhu.video.create(
        project_id=project.project_id,
        sku_id="sku",
        video_length="5",
        prompt="turn",
        first_frame_image=FirstFrameImageId(image_id="img"),
        max_credits=25,
    )
    assert_type(video, VideoSubmitted)
    assert_type(
        huhu.video.create.estimate(
            project_id="p",
            sku_id="s",
            video_length="10",
            prompt="t",
            first_frame_image=FirstFrameImageId(image_id="i"),
        ),
        CostItem,
    )
    assert_type(next(iter(huhu.video.list())), VideoRequest)
    assert_type(huhu.video.list(limit=10).first_page(), VideoRequestList)
    assert isinstance(video.request_id, str)  # optional: the reference shows no answer to POST /video
    assert_type(huhu.video.wait(video.request_id), VideoRequest)

    upscale = huhu.upscale.create(image="...", upscale_factor=2.0, max_credits=2)
    assert_type(upscale, UpscaleSubmitted)
    assert_type(huhu.upscale.create.estimate(image="..."), CostItem)
    assert_type(huhu.upscale.retrieve(upscale.request_id), UpscaleStatus)
    assert_type(huhu.upscale.wait(upscale.request_id), UpscaleStatus)

    quick = huhu.with_options(timeout=5.0, max_retries=0)
    assert_type(quick, Huhu)
    assert_type(huhu.tryon(["garments/"], model="women", images_per_task=2, out="out"), list[dict[str, Any]])
    try:
        quick.metering.plan()
    except HuhuError as error:
        assert_type(error.status_code, int | None)
        assert_type(error.request_id, str | None)
        assert_type(error.body, object)


async def async_user(huhu: AsyncHuhu) -> None:
    assert_type(await huhu.metering.plan(), Plan)
    history = huhu.metering.credit_history()
    assert_type(history, AsyncListPaginator[CreditHistoryPage, CreditHistoryItem])
    async for item in history:
        assert_type(item, CreditHistoryItem)
    async for page in history.pages():
        assert_type(page, CreditHistoryPage)
    assert_type(await history.first_page(), CreditHistoryPage)
    async for program in huhu.programs.list(owned=True):
        assert_type(program, Program)
    assert_type(await huhu.programs.create(program_name="brand"), CreatedProgram)
    async for summary in huhu.projects.list():
        assert_type(summary, ProjectSummary)
    created = await huhu.projects.create(project_name="spring")
    assert_type(created, CreatedProject)
    assert isinstance(created.project_id, str)
    project = await huhu.projects.retrieve(created.project_id)
    assert_type(project, ProjectDetail)
    assert_type(
        await huhu.projects.upload(project_id="p", file_type="model_image", file_data="..."),
        ImageUploadResult,
    )
    init = await huhu.projects.start_multipart_upload(project_id="p", file_size=1)
    assert_type(init, MultipartUploadInit)
    assert_type(
        await huhu.projects.complete_upload(project_id="p", key=init.key, upload_id=init.upload_id, parts=[]),
        Message,
    )
    async for sku in huhu.skus.list("p"):
        assert_type(sku, Sku)
    assert_type(await huhu.skus.retrieve("p", "s"), SkuList)
    assert_type(await huhu.skus.update(sku_ids=["s"]), Message)
    assert_type(await huhu.models.list(), ModelList)
    assert_type(await huhu.models.images("m"), ModelImageList)
    assert_type(await huhu.models.create(model_name="Ada"), CreatedModel)
    face = await huhu.models.generate_face(prompt="freckles", max_credits=1)
    assert_type(face, GenerationRequest)
    assert_type(huhu.models.generate_face.estimate(prompt="freckles"), CostItem)
    assert_type(await huhu.models.retrieve_generation(face.request_id), GenerationStatus)
    assert_type(await huhu.models.wait_generation(face.request_id), GenerationStatus)
    assert_type(await huhu.models.generate_image(prompt="studio"), GenerationRequest)
    assert_type(
        await huhu.models.save_image(model_id="m", style_id="s", image_url="https://x"), SavedModelImage
    )
    assert_type(await huhu.models.generate_pose(prompt="walk", reference_image="i"), PoseGenerationRequest)
    assert_type(await huhu.poses.library(), PoseLibrary)
    assert_type(await huhu.poses.list(), PoseList)
    assert_type(await huhu.poses.retrieve("pose"), PoseDetail)
    assert_type(await huhu.poses.create(reference_image="...", pose_title="wave"), CreatedPose)
    assert_type(await huhu.tasks.create(project_id="p", sku_ids=["s"]), Message)
    assert_type(await huhu.tasks.update(project_id="p", sku_id="s", task_id="t"), Message)
    assert_type(await huhu.tasks.list(project_id="p"), TaskList)
    assert_type(await huhu.tasks.retrieve("t"), TaskDetail)
    assert_type(await huhu.tasks.generate(project_id="p", task_ids=["t"], max_credits=2), Message)
    assert_type(await huhu.tasks.wait(["t"], project_id="p"), dict[str, TaskDetail])
    assert_type(
        await huhu.video.create(
            project_id="p",
            sku_id="s",
            video_length="5",
            prompt="t",
            first_frame_image=FirstFrameImageId(image_id="i"),
        ),
        VideoSubmitted,
    )
    async for request in huhu.video.list():
        assert_type(request, VideoRequest)
    assert_type(await huhu.video.wait("r"), VideoRequest)
    assert_type(await huhu.upscale.create(image="..."), UpscaleSubmitted)
    assert_type(await huhu.upscale.retrieve("r"), UpscaleStatus)
    assert_type(await huhu.upscale.wait("r"), UpscaleStatus)
    assert_type(huhu.with_options(max_retries=5), AsyncHuhu)
